package org.icesim.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.icesim.metrics.EventDetail.StateChange;
import org.junit.jupiter.api.Test;

/** events.csv's detail of every kind of event, and reading it back (a batch's journal keeps it so). */
class EventDetailTest {

    private static final List<EventDetail> ONE_OF_EACH = List.of(
            new EventDetail.Fault("link-down alice/wifi"),
            new EventDetail.Repair("signaling-back signal"),
            new EventDetail.RestartIce("on-failed"),
            new EventDetail.OfferSent("ufrag2"),
            new EventDetail.AnswerApplied(),
            new StateChange(EventKind.SIGNALING_STATE, "have-local-offer"),
            new StateChange(EventKind.ICE_GATHERING_STATE, "complete"),
            StateChange.ice("disconnected"),
            new StateChange(EventKind.CONNECTION_STATE, "failed"),
            new SelectedPair(1, "relay", "host"),
            new EventDetail.GatheringComplete(2),
            new EventDetail.SignalingConnection(false, "reset"),
            new EventDetail.NotApplied("restart-ice bob at alice.failed+1s: alice's first iceConnectionState failed never happened"));

    @Test
    void everyKindReadsBackAsTheDetailItWasWrittenFrom() {
        assertThat(ONE_OF_EACH.stream().map(EventDetail::kind)).containsExactlyInAnyOrder(EventKind.values());
        for (EventDetail detail : ONE_OF_EACH) {
            assertThat(EventDetail.parse(detail.kind(), detail.text())).isEqualTo(detail);
        }
        assertThat(new SelectedPair(1, "relay", "host").text()).isEqualTo("1 relay/host");
        assertThat(new EventDetail.SignalingConnection(false, "reset").text()).isEqualTo("down reset");
    }

    @Test
    void theIceConnectionIsUpWhenConnectedOrCompletedOnly() {
        // W3C webrtc-pc §5.6 RTCIceTransportState: media flows in connected and completed.
        assertThat(StateChange.ice("connected").iceUp()).isTrue();
        assertThat(StateChange.ice("completed").iceUp()).isTrue();
        assertThat(StateChange.ice("checking").iceUp()).isFalse();
        assertThat(new StateChange(EventKind.CONNECTION_STATE, "connected").iceUp()).isFalse();
        assertThatThrownBy(() -> new StateChange(EventKind.FAULT, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignalingChannelDownWithoutReasonReadsAsTheTestbedPeersWriteIt() {
        // pion's signaling client writes "down" alone (testbed/pion/signaling.go, setState).
        EventDetail.SignalingConnection down = EventDetail.SignalingConnection.parse("down");
        assertThat(down.up()).isFalse();
        assertThat(down.text()).isEqualTo("down");
        assertThat(EventDetail.SignalingConnection.parse("up")).isEqualTo(EventDetail.SignalingConnection.UP);
    }
}
