package org.icesim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;
import static org.icesim.net.tcp.TcpTestbed.CLIENT;
import static org.icesim.net.tcp.TcpTestbed.SERVER;

import java.util.List;
import org.icesim.net.TcpHeader;
import org.junit.jupiter.api.Test;

class TcpHandshakeTest {

    @Test
    void threeWayHandshakeConnectsTheClientAtOneRttAndTheServerAtOneAndAHalf() {
        TcpTestbed bed = new TcpTestbed().listening();
        TcpConnection connection = bed.connect();
        bed.sim.run();

        assertThat(bed.clientEvents.events()).containsExactly("connected@20ms");
        assertThat(bed.serverEvents.events()).containsExactly("connected@30ms");
        assertThat(bed.sentBy(CLIENT)).containsExactly("0ms SYN 0", "20ms ACK 0");
        assertThat(bed.sentBy(SERVER)).containsExactly("10ms SYN|ACK 0");
        assertThat(connection.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(bed.serverEvents.connection().state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(connection.smoothedRtt()).isEqualTo(millis(20));
        assertThat(bed.serverEvents.connection().smoothedRtt()).isEqualTo(millis(20));
    }

    @Test
    void handshakeSegmentsAcknowledgeTheOtherSidesIssPlusOne() {
        TcpTestbed bed = new TcpTestbed().listening();
        bed.connect();
        bed.sim.run();

        List<TestChannel.Transmission> log = bed.channel.log();
        TcpSegment syn = log.get(0).segment();
        TcpSegment synAck = log.get(1).segment();
        TcpSegment ack = log.get(2).segment();
        assertThat(synAck.acknowledgementNumber()).isEqualTo((syn.sequenceNumber() + 1) & 0xFFFF_FFFFL);
        assertThat(ack.sequenceNumber()).isEqualTo((syn.sequenceNumber() + 1) & 0xFFFF_FFFFL);
        assertThat(ack.acknowledgementNumber()).isEqualTo((synAck.sequenceNumber() + 1) & 0xFFFF_FFFFL);
        assertThat(syn.window()).isEqualTo(65535);
        assertThat(log).allSatisfy(t -> assertThat(t.packet().wireSize()).isEqualTo(40));
    }

    @Test
    void aMessageSentAtConnectRidesOnTheHandshakeAckAndArrivesAt30ms() {
        TcpTestbed bed = new TcpTestbed().listening();
        TestMessage hello = new TestMessage("hello", 100);
        bed.connect().send(hello);
        bed.sim.run();

        assertThat(bed.sentBy(CLIENT)).containsExactly("0ms SYN 0", "20ms ACK 100");
        assertThat(bed.serverEvents.events()).containsExactly("connected@30ms", "hello@30ms");
        assertThat(bed.serverEvents.messages()).singleElement().isSameAs(hello);
    }

    @Test
    void lostSynIsRetransmittedAfterTheInitialRtoOfOneSecondThenTwo() {
        // RFC 6298 §2.1 (initial RTO 1 s) and §5.5 (back-off doubles it).
        TcpTestbed bed = new TcpTestbed().listening();
        bed.channel.drop(2, TcpTestbed::isSyn);
        TcpConnection connection = bed.connect();
        bed.sim.run();

        assertThat(bed.sentBy(CLIENT)).startsWith("0ms SYN 0 dropped", "1000ms SYN 0 dropped", "3000ms SYN 0");
        assertThat(bed.clientEvents.events()).containsExactly("connected@3020ms");
        assertThat(connection.retransmissions()).isEqualTo(2);
        assertThat(connection.retransmissionTimeouts()).isEqualTo(2);
    }

    @Test
    void afterARetransmittedSynDataStartsWithAThreeSecondRto() {
        // RFC 6298 §5.7; Karn's rule leaves the handshake without an RTT sample.
        TcpTestbed bed = new TcpTestbed().listening();
        bed.channel.drop(1, TcpTestbed::isSyn);
        TcpConnection connection = bed.connect();
        bed.sim.run();

        assertThat(connection.smoothedRtt()).isEqualTo(-1);
        assertThat(connection.retransmissionTimeout()).isEqualTo(seconds(3));
        assertThat(bed.serverEvents.connection().retransmissionTimeout()).isEqualTo(millis(200));
    }

    @Test
    void unansweredSynFailsWithTimedOutAfterSixRetriesAt127s() {
        // Linux tcp_syn_retries = 6: sends at 0, 1, 3, 7, 15, 31, 63 s, gives up at 127 s.
        TcpTestbed bed = new TcpTestbed().listening();
        bed.channel.cut(true);
        TcpConnection connection = bed.connect();
        bed.sim.run();

        assertThat(bed.sentBy(CLIENT)).containsExactly("0ms SYN 0 dropped", "1000ms SYN 0 dropped",
                "3000ms SYN 0 dropped", "7000ms SYN 0 dropped", "15000ms SYN 0 dropped", "31000ms SYN 0 dropped",
                "63000ms SYN 0 dropped");
        assertThat(bed.clientEvents.events()).containsExactly("TIMED_OUT@127000ms");
        assertThat(connection.state()).isEqualTo(TcpState.CLOSED);
        assertThat(bed.client.connectionCount()).isZero();
    }

    @Test
    void synRetriesAreConfigurable() {
        TcpTestbed bed = new TcpTestbed(TcpConfig.defaults().withSynRetries(2)).listening();
        bed.channel.cut(true);
        bed.connect();
        bed.sim.run();

        assertThat(bed.clientEvents.events()).containsExactly("TIMED_OUT@7000ms");
    }

    @Test
    void userTimeoutEndsAConnectBeforeTheSynRetriesRunOut() {
        // Linux TCP_USER_TIMEOUT also bounds the SYN phase; the timer is clamped to it.
        TcpTestbed bed = new TcpTestbed(TcpConfig.defaults().withUserTimeout(seconds(5))).listening();
        bed.channel.cut(true);
        bed.connect();
        bed.sim.run();

        assertThat(bed.sentBy(CLIENT)).containsExactly("0ms SYN 0 dropped", "1000ms SYN 0 dropped", "3000ms SYN 0 dropped");
        assertThat(bed.clientEvents.events()).containsExactly("TIMED_OUT@5000ms");
    }

    @Test
    void synToAPortNobodyListensOnIsResetAndTheConnectIsRefusedAfterOneRtt() {
        // RFC 793 §3.4: a SYN to a closed port gets RST|ACK acknowledging the SYN.
        TcpTestbed bed = new TcpTestbed();
        TcpConnection connection = bed.connect();
        bed.sim.run();

        assertThat(bed.sentBy(SERVER)).containsExactly("10ms RST|ACK 0");
        TcpSegment syn = bed.channel.log().get(0).segment();
        TcpSegment rst = bed.channel.log().get(1).segment();
        assertThat(rst.acknowledgementNumber()).isEqualTo((syn.sequenceNumber() + 1) & 0xFFFF_FFFFL);
        assertThat(bed.clientEvents.events()).containsExactly("REFUSED@20ms");
        assertThat(connection.state()).isEqualTo(TcpState.CLOSED);
        assertThat(bed.client.connectionCount()).isZero();
        assertThat(bed.server.connectionCount()).isZero();
    }

    @Test
    void lostSynAckIsRecoveredWhenTheRetransmittedSynArrives() {
        // The server answers a duplicate SYN in SYN-RECEIVED with its SYN-ACK again.
        TcpTestbed bed = new TcpTestbed().listening();
        bed.channel.drop(1, TcpTestbed::isSynAck);
        TcpConnection connection = bed.connect();
        bed.sim.run();

        assertThat(bed.clientEvents.events()).containsExactly("connected@1020ms");
        assertThat(bed.serverEvents.events()).containsExactly("connected@1030ms");
        assertThat(connection.retransmissions()).isEqualTo(1);
        assertThat(connection.retransmissionTimeout()).isEqualTo(seconds(3));
    }

    @Test
    void aSegmentForAnUnknownConnectionIsAnsweredWithRstAtItsAckNumber() {
        // RFC 793 §3.4: if the incoming segment has an ACK, the reset takes its sequence number from it.
        TcpTestbed bed = new TcpTestbed().listening();
        bed.connect();
        bed.sim.run();
        bed.server.crash();
        TcpConnection connection = bed.clientEvents.connection();
        bed.at(millis(100), () -> connection.send(new TestMessage("late", 10)));
        bed.sim.run();

        List<TestChannel.Transmission> log = bed.channel.log();
        TcpSegment data = log.get(log.size() - 2).segment();
        TcpSegment rst = log.get(log.size() - 1).segment();
        assertThat(rst.flags()).isEqualTo(TcpHeader.FLAG_RST);
        assertThat(rst.sequenceNumber()).isEqualTo(data.acknowledgementNumber());
        assertThat(bed.clientEvents.events()).containsExactly("connected@20ms", "RESET@120ms");
    }

    @Test
    void initialSequenceNumbersComeFromTheRandomStreamSoASeedReproducesARun() {
        assertThat(trace(7)).isEqualTo(trace(7));
        assertThat(trace(7)).isNotEqualTo(trace(8));
    }

    private static List<String> trace(long seed) {
        TcpTestbed bed = new TcpTestbed(TcpConfig.defaults(), seed).listening();
        bed.channel.drop(1, TcpTestbed::carriesData);
        bed.connect().send(new TestMessage("m", 3000));
        bed.sim.run();
        return bed.channel.log().stream().map(TestChannel.Transmission::toString).toList();
    }

    @Test
    void connectingTwiceBetweenTheSameAddressesIsRejected() {
        TcpTestbed bed = new TcpTestbed().listening();
        bed.connect();
        assertThatThrownBy(bed::connect)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.0.1:50000").hasMessageContaining("already exists");
        assertThatThrownBy(() -> bed.server.listen(SERVER, c -> bed.serverEvents))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already listens on 10.0.0.2:443");
    }
}
