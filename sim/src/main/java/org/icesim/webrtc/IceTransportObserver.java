package org.icesim.webrtc;

import org.icesim.ice.IceTransportState;

/**
 * How the ICE agent reports to its {@link PeerConnection} (the W3C "ICE Agent indicates ..."
 * hooks). Each report is handled in a task the peer connection queues, so the agent may call
 * these methods from inside any {@link IceTransportControl} call.
 */
public interface IceTransportObserver {

    /**
     * The transport's gathering state ({@code RTCIceGathererState}) changed: gathering while a
     * generation still gathers, complete once the newest has finished.
     */
    void onGatheringStateChanged(IceGatheringState state);

    /**
     * A local candidate was gathered (or taken from a pool). Its {@code usernameFragment} names
     * its generation; its media-section fields are filled in by the peer connection.
     */
    void onLocalCandidate(IceCandidate candidate);

    /** Gathering finished for local generation {@code usernameFragment}. */
    void onEndOfLocalCandidates(String usernameFragment);

    /** The transport's {@code RTCIceTransportState} changed. */
    void onStateChanged(IceTransportState state);

    /** The transport's selected candidate pair changed. */
    void onSelectedCandidatePairChanged(IceCandidatePair pair);
}
