package org.icesim.app;

import java.util.Optional;
import java.util.function.Supplier;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.webrtc.NegotiationSamples;
import org.icesim.webrtc.NegotiationTimes;

/**
 * How long a peer's stack takes, outside the network, for its negotiation steps (scenario key
 * {@code peers.<name>.processing}).
 */
public enum Processing {
    /** Every W3C operation takes the peer connection's operation delay (1 ms): the network's share alone. */
    INSTANT,
    /** The medians measured on the real stack the peer's profile is named after ({@link NegotiationTimes#measured}). */
    MEASURED,
    /**
     * Each run takes one measured run's time per step of the real stack ({@link NegotiationSamples}),
     * drawn from the peer's own stream, so a batch spreads as the real runs did.
     */
    SAMPLED;

    /** Whether the stack a profile is named after has what this needs (INSTANT: any profile). */
    public boolean availableFor(String profile) {
        return switch (this) {
            case INSTANT -> true;
            case MEASURED -> NegotiationTimes.measured(profile).isPresent();
            case SAMPLED -> NegotiationSamples.measured(profile).isPresent();
        };
    }

    /**
     * The negotiation times for a peer with this profile, empty if its stack was never measured.
     *
     * @param stream the peer's processing stream; drawn from only by SAMPLED
     */
    public Optional<NegotiationTimes> times(String profile, long operationDelayNanos, Supplier<RandomGenerator> stream) {
        return switch (this) {
            case INSTANT -> Optional.of(NegotiationTimes.instant(operationDelayNanos));
            case MEASURED -> NegotiationTimes.measured(profile);
            case SAMPLED -> NegotiationSamples.measured(profile).map(samples -> samples.draw(stream.get(), operationDelayNanos));
        };
    }
}
