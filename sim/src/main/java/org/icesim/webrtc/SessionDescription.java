package org.icesim.webrtc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.icesim.ice.IceCredentials;

/**
 * A session description at the level this model needs: the W3C {@code RTCSessionDescription}
 * type plus the SDP content that matters for ICE and negotiation, held as fields instead of SDP
 * text.
 *
 * <p>All media sections are bundled on one transport (RFC 8843), so the ICE credentials,
 * candidates and end-of-candidates mark are those of that transport; {@code mids} lists the media
 * sections in order, the first being the BUNDLE tag that carries the candidates (W3C candidate
 * events name it in {@code sdpMid}/{@code sdpMLineIndex}).
 *
 * <p>A {@link SdpType#ROLLBACK} description carries no content: build it with {@link #rollback()}.
 *
 * @param type            offer, pranswer, answer or rollback
 * @param credentials     {@code a=ice-ufrag}/{@code a=ice-pwd} of the transport's ICE generation
 * @param mids            media sections ({@code a=mid}) in m-line order
 * @param candidates      {@code a=candidate} lines of this generation (RFC 8839 §5.1)
 * @param trickle         {@code a=ice-options:trickle} (RFC 8840 §4.1.1): the sender trickles
 *                        candidates; without it every candidate is in the description
 * @param endOfCandidates {@code a=end-of-candidates} (RFC 8840 §4.1.2): no more candidates follow
 *                        for this generation
 * @param setup           {@code a=setup} (RFC 8842 §5)
 * @param iceLite         {@code a=ice-lite} (RFC 8445 §2.5): the sender is a lite agent
 */
public record SessionDescription(
        SdpType type,
        IceCredentials credentials,
        List<String> mids,
        List<IceCandidate> candidates,
        boolean trickle,
        boolean endOfCandidates,
        DtlsSetup setup,
        boolean iceLite) {

    private static final SessionDescription ROLLBACK =
            new SessionDescription(SdpType.ROLLBACK, null, List.of(), List.of(), false, false, null, false);

    public SessionDescription {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        mids = List.copyOf(mids);
        candidates = List.copyOf(candidates);
        if (type == SdpType.ROLLBACK) {
            if (credentials != null || !mids.isEmpty() || !candidates.isEmpty() || trickle || endOfCandidates
                    || setup != null || iceLite) {
                throw new IllegalArgumentException("a rollback description carries no content; use SessionDescription.rollback()");
            }
        } else {
            if (credentials == null || setup == null) {
                throw new IllegalArgumentException(type.w3cName() + " needs ICE credentials and a setup attribute, were "
                        + credentials + ", " + setup);
            }
            if (mids.isEmpty()) {
                throw new IllegalArgumentException(type.w3cName() + " needs at least one media section (mid), had none");
            }
            if (new HashSet<>(mids).size() != mids.size()) {
                throw new IllegalArgumentException("mids must be unique, were " + mids);
            }
            for (IceCandidate candidate : candidates) {
                if (candidate.isEndOfCandidates()) {
                    throw new IllegalArgumentException("end-of-candidates is the endOfCandidates flag, not a candidate");
                }
                if (candidate.usernameFragment() != null && !candidate.usernameFragment().equals(credentials.ufrag())) {
                    throw new IllegalArgumentException("candidate of generation '" + candidate.usernameFragment()
                            + "' in a description of generation '" + credentials.ufrag() + "'");
                }
            }
        }
    }

    /** The content-free rollback description. */
    public static SessionDescription rollback() {
        return ROLLBACK;
    }

    /** The ufrag of this description's ICE generation. */
    public String ufrag() {
        return credentials.ufrag();
    }

    /** The same content with another type (e.g. an answer applied as a pranswer). */
    public SessionDescription withType(SdpType newType) {
        return new SessionDescription(newType, credentials, mids, candidates, trickle, endOfCandidates, setup, iceLite);
    }

    /** This description with one more candidate (as W3C adds gathered or trickled candidates to it). */
    SessionDescription withCandidate(IceCandidate candidate) {
        List<IceCandidate> more = new ArrayList<>(candidates.size() + 1);
        more.addAll(candidates);
        more.add(candidate);
        return new SessionDescription(type, credentials, mids, more, trickle, endOfCandidates, setup, iceLite);
    }

    /** This description marked {@code a=end-of-candidates}. */
    SessionDescription withEndOfCandidates() {
        return new SessionDescription(type, credentials, mids, candidates, trickle, true, setup, iceLite);
    }

    /**
     * Whether {@code other} has the same content whatever its type: the model's counterpart of
     * comparing two SDP strings (W3C setLocalDescription compares the sdp, not the type).
     */
    public boolean sameContentAs(SessionDescription other) {
        return other != null && withType(other.type).equals(other);
    }
}
