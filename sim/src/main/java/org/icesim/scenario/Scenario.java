package org.icesim.scenario;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.icesim.media.MediaDelivery;
import org.icesim.media.MediaSpec;
import org.icesim.net.LinkParams;

/**
 * One fully read and checked scenario (one sweep point): everything the world builder needs.
 * Maps keep the file's order.
 */
public record Scenario(
        String name,
        String description,
        long durationNanos,
        int seeds,
        long baseSeed,
        Map<String, LinkParams> links,
        Map<String, NatSpec> nats,
        Map<String, ServerSpec> servers,
        Map<String, PeerSpec> peers,
        CallSpec call,
        List<MediaSpec> media,
        List<TimelineAction> timeline,
        long interruptionThresholdNanos,
        MediaDelivery mediaDelivery,
        Optional<FleetSpec> fleet) {

    /** The instant of the first fault on the timeline, if any. */
    public OptionalLong firstFaultNanos() {
        return timeline.stream().filter(TimelineAction::isFault).mapToLong(TimelineAction::atNanos).min();
    }
}
