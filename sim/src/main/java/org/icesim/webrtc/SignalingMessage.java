package org.icesim.webrtc;

/** What two peers exchange over their signaling channel in the perfect-negotiation pattern. */
public sealed interface SignalingMessage {

    /** An offer or answer ({@code {description}} in the W3C example). */
    record DescriptionMessage(SessionDescription description) implements SignalingMessage {
        public DescriptionMessage {
            if (description == null || description.type() == SdpType.ROLLBACK) {
                throw new IllegalArgumentException("a signalled description must be an offer, pranswer or answer, was "
                        + description);
            }
        }
    }

    /**
     * A trickled candidate ({@code {candidate}} in the W3C example): a real candidate, the
     * end-of-candidates form, or null for the W3C null candidate, which the example sends and the
     * receiver skips.
     */
    record CandidateMessage(IceCandidate candidate) implements SignalingMessage {
    }
}
