package org.icesim.turn;

import java.util.ArrayList;
import java.util.List;
import org.icesim.kernel.Clock;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;

/** Writes down everything a TURN client reports, with the simulated time. */
final class RecordingListener implements TurnClientListener {

    final List<String> events = new ArrayList<>();
    final List<String> states = new ArrayList<>();
    final List<String> data = new ArrayList<>();
    final List<Payload> payloads = new ArrayList<>();
    long allocatedAt = -1;
    long failedAt = -1;
    TurnFailure failure;
    private Clock clock;

    RecordingListener with(Clock newClock) {
        this.clock = newClock;
        return this;
    }

    @Override
    public void onAllocated(TurnClient client, TransportAddress relayed, TransportAddress mapped) {
        allocatedAt = clock.now();
        events.add("allocated " + relayed + " mapped " + mapped + " @" + clock.now());
    }

    @Override
    public void onFailed(TurnClient client, TurnFailure reason) {
        failedAt = clock.now();
        failure = reason;
        events.add("failed " + reason + " @" + clock.now());
    }

    @Override
    public void onData(TurnClient client, TransportAddress peer, Payload payload) {
        data.add(peer + " " + payload.size() + "B @" + clock.now());
        payloads.add(payload);
    }

    @Override
    public void onStateChanged(TurnClient client, TurnAllocationState state) {
        states.add(state + " @" + clock.now());
    }

    @Override
    public void onPermissionCreated(TurnClient client, Ipv4Address peer) {
        events.add("permission " + peer + " @" + clock.now());
    }

    @Override
    public void onPermissionFailed(TurnClient client, Ipv4Address peer, TurnFailure reason) {
        events.add("permission failed " + peer + " " + reason + " @" + clock.now());
    }

    @Override
    public void onChannelBound(TurnClient client, TransportAddress peer, int channel) {
        events.add(String.format("channel 0x%X %s @%d", channel, peer, clock.now()));
    }

    @Override
    public void onChannelBindFailed(TurnClient client, TransportAddress peer, TurnFailure reason) {
        events.add("channel failed " + peer + " " + reason + " @" + clock.now());
    }
}
