package org.icesim.app;

import java.util.Optional;
import org.icesim.webrtc.NegotiationTimes;

/**
 * How long a peer's stack takes, outside the network, for its negotiation steps (scenario key
 * {@code peers.<name>.processing}).
 */
public enum Processing {
    /** Every W3C operation takes the peer connection's operation delay (1 ms): the network's share alone. */
    INSTANT,
    /** The times measured on the real stack the peer's profile is named after ({@link NegotiationTimes#measured}). */
    MEASURED;

    /** The negotiation times for a peer with this profile, empty if its stack was never measured. */
    public Optional<NegotiationTimes> times(String profile, long operationDelayNanos) {
        return this == INSTANT ? Optional.of(NegotiationTimes.instant(operationDelayNanos)) : NegotiationTimes.measured(profile);
    }
}
