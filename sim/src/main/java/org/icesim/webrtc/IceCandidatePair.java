package org.icesim.webrtc;

/** W3C {@code RTCIceCandidatePair}: the local and remote candidate of a transport's selected pair. */
public record IceCandidatePair(IceCandidate local, IceCandidate remote) {

    public IceCandidatePair {
        if (local == null || remote == null || local.isEndOfCandidates() || remote.isEndOfCandidates()) {
            throw new IllegalArgumentException("a candidate pair needs two real candidates, was " + local + " / " + remote);
        }
    }
}
