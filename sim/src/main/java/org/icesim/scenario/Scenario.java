package org.icesim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.icesim.media.MediaDelivery;
import org.icesim.media.MediaSpec;
import org.icesim.net.LinkParams;

/**
 * One fully read and checked scenario (one sweep point): everything the world builder needs.
 * Maps keep the file's order. The timeline comes in two parts: {@code timeline}, the actions at
 * fixed instants in time order, and {@code anchoredTimeline}, those waiting for an event (in file
 * order), whose instants are known only as the run goes.
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
        List<AnchoredAction> anchoredTimeline,
        long interruptionThresholdNanos,
        MediaDelivery mediaDelivery,
        Optional<FleetSpec> fleet) {

    /** Every action of the timeline: those at fixed instants in time order, then those at events in file order. */
    public List<TimelineAction> everyAction() {
        List<TimelineAction> all = new ArrayList<>(timeline);
        anchoredTimeline.forEach(entry -> all.add(entry.action()));
        return all;
    }
}
