package org.icesim.net;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * New values for some of a link's properties (a timeline's {@code set-link}): each one present
 * replaces the link's own by {@link LinkParams#with(LinkChange)}, the others stay as they are.
 */
public record LinkChange(OptionalLong delayNanos, Optional<Jitter> jitter, Optional<Boolean> reorder,
        Optional<LossModel> loss, OptionalLong bandwidthBitsPerSecond, OptionalLong queueCapacityBytes,
        Optional<Boolean> up) {

    /** Whether it does more than bring the link up: it changes the path, or takes the link down. */
    public boolean degrades() {
        return delayNanos.isPresent() || jitter.isPresent() || reorder.isPresent() || loss.isPresent()
                || bandwidthBitsPerSecond.isPresent() || queueCapacityBytes.isPresent() || up.equals(Optional.of(false));
    }
}
