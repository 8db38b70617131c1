package org.icesim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;
import static org.icesim.net.tcp.TcpTestbed.CLIENT;
import static org.icesim.net.tcp.TcpTestbed.SERVER;

import java.util.List;
import java.util.function.Predicate;
import org.icesim.net.Packet;
import org.icesim.net.TcpHeader;
import org.junit.jupiter.api.Test;

class TcpDataTest {

    /** A testbed whose connection is established (client at 20 ms, server at 30 ms, both RTO 200 ms). */
    private static TcpTestbed connected(TcpConfig config) {
        TcpTestbed bed = new TcpTestbed(config).listening();
        bed.connect();
        bed.sim.runUntil(millis(50));
        return bed;
    }

    private static TcpConnection clientConnection(TcpTestbed bed) {
        return bed.clientEvents.connection();
    }

    @Test
    void aLargeMessageIsCutIntoMssSegmentsAndDeliveredWhole() {
        TcpTestbed bed = connected(TcpConfig.defaults());
        TestMessage big = new TestMessage("big", 5000);
        bed.at(millis(100), () -> clientConnection(bed).send(big));
        bed.sim.run();

        assertThat(bed.sentBy(CLIENT)).containsExactly("0ms SYN 0", "20ms ACK 0",
                "100ms ACK 1460", "100ms ACK 1460", "100ms ACK 1460", "100ms ACK 620");
        assertThat(bed.sentBy(SERVER)).containsExactly("10ms SYN|ACK 0",
                "110ms ACK 0", "110ms ACK 0", "110ms ACK 0", "110ms ACK 0");
        assertThat(bed.serverEvents.events()).containsExactly("connected@30ms", "big@110ms");
        assertThat(bed.serverEvents.messages()).last().isSameAs(big);
        List<TestChannel.Transmission> log = bed.channel.log();
        assertThat(log.get(3).segment().has(TcpHeader.FLAG_PSH)).isFalse();
        assertThat(log.get(6).segment().has(TcpHeader.FLAG_PSH)).isTrue();
    }

    @Test
    void theMssIsConfigurable() {
        TcpTestbed bed = connected(TcpConfig.defaults().withMss(536));
        bed.at(millis(100), () -> clientConnection(bed).send(new TestMessage("m", 1000)));
        bed.sim.run();

        assertThat(bed.sentBy(CLIENT)).endsWith("100ms ACK 536", "100ms ACK 464");
    }

    @Test
    void messagesArriveWholeAndInOrderAndTheSendWindowLimitsWhatIsInFlight() {
        // Without congestion control, at most one window is unacknowledged.
        TcpTestbed bed = connected(TcpConfig.defaults().withWindow(3000));
        bed.at(millis(100), () -> {
            for (int i = 0; i < 10; i++) {
                clientConnection(bed).send(new TestMessage("m" + i, 1000));
            }
        });
        bed.sim.run();

        assertThat(bed.serverEvents.events()).containsExactly("connected@30ms",
                "m0@110ms", "m1@110ms", "m2@110ms", "m3@130ms", "m4@130ms", "m5@130ms",
                "m6@150ms", "m7@150ms", "m8@150ms", "m9@170ms");
    }

    @Test
    void aLostSegmentIsRetransmittedAtTheRtoAndLaterMessagesWaitForIt() {
        // RFC 6298 §5.4: on expiry, retransmit the earliest unacknowledged segment. The RTO is
        // max(200 ms floor, SRTT + 4 RTTVAR = 60 ms) after the 20 ms handshake sample.
        TcpTestbed bed = connected(TcpConfig.defaults());
        bed.channel.drop(1, TcpTestbed::carriesData);
        bed.at(millis(100), () -> clientConnection(bed).send(new TestMessage("first", 100)));
        bed.at(millis(150), () -> clientConnection(bed).send(new TestMessage("second", 100)));
        bed.sim.run();

        // The retransmission repacketizes the unacknowledged bytes, as Linux's retransmit collapse does.
        assertThat(bed.sentBy(CLIENT)).endsWith("100ms ACK 100 dropped", "150ms ACK 100", "300ms ACK 200");
        assertThat(bed.serverEvents.events()).containsExactly("connected@30ms", "first@310ms", "second@310ms");
        TcpConnection connection = clientConnection(bed);
        assertThat(connection.retransmissions()).isEqualTo(1);
        assertThat(connection.retransmissionTimeouts()).isEqualTo(1);
        assertThat(connection.retransmittedBytes()).isEqualTo(200);
        // Karn: the ACK of retransmitted data gives no sample, so the backed-off RTO stays.
        assertThat(connection.retransmissionTimeout()).isEqualTo(millis(400));
    }

    @Test
    void aFreshSampleAfterRecoveryClearsTheBackOff() {
        TcpTestbed bed = connected(TcpConfig.defaults());
        bed.channel.drop(1, TcpTestbed::carriesData);
        bed.at(millis(100), () -> clientConnection(bed).send(new TestMessage("lost", 100)));
        bed.at(millis(500), () -> clientConnection(bed).send(new TestMessage("fresh", 100)));
        bed.sim.run();

        assertThat(clientConnection(bed).retransmissionTimeout()).isEqualTo(millis(200));
    }

    @Test
    void threeDuplicateAcksTriggerAFastRetransmitBeforeTheRto() {
        // RFC 5681 §3.2; the receiver acknowledges out-of-order segments at once (§4.2).
        TcpTestbed bed = connected(TcpConfig.defaults());
        bed.channel.drop(1, TcpTestbed::carriesData);
        for (int i = 1; i <= 4; i++) {
            int index = i;
            bed.at(millis(99 + i), () -> clientConnection(bed).send(new TestMessage("m" + index, 100)));
        }
        bed.sim.run();

        assertThat(bed.sentBy(SERVER)).contains("111ms ACK 0", "112ms ACK 0", "113ms ACK 0");
        assertThat(bed.sentBy(CLIENT)).endsWith("123ms ACK 400");
        assertThat(bed.serverEvents.events()).containsExactly("connected@30ms", "m1@133ms", "m2@133ms", "m3@133ms", "m4@133ms");
        assertThat(clientConnection(bed).fastRetransmissions()).isEqualTo(1);
        assertThat(clientConnection(bed).retransmissionTimeouts()).isZero();
    }

    @Test
    void withFastRetransmitOffDuplicateAcksAreIgnoredAndTheRtoRecovers() {
        TcpTestbed bed = connected(TcpConfig.defaults().withDuplicateAckThreshold(0));
        bed.channel.drop(1, TcpTestbed::carriesData);
        for (int i = 1; i <= 4; i++) {
            int index = i;
            bed.at(millis(99 + i), () -> clientConnection(bed).send(new TestMessage("m" + index, 100)));
        }
        bed.sim.run();

        assertThat(bed.serverEvents.events()).containsExactly("connected@30ms", "m1@310ms", "m2@310ms", "m3@310ms", "m4@310ms");
        assertThat(clientConnection(bed).fastRetransmissions()).isZero();
    }

    @Test
    void aPartialAckDuringRecoveryRetransmitsTheNextHoleAtOnce() {
        // RFC 6582 §3.2: an ACK that covers part of the outstanding data shows the next loss.
        TcpTestbed bed = connected(TcpConfig.defaults());
        bed.channel.dropAll(nthDataPacketFromClient(1, 3));
        bed.at(millis(100), () -> {
            for (int i = 1; i <= 5; i++) {
                clientConnection(bed).send(new TestMessage("m" + i, 1460));
            }
        });
        bed.sim.run();

        assertThat(bed.sentBy(CLIENT)).endsWith("120ms ACK 1460", "140ms ACK 1460");
        assertThat(bed.serverEvents.events()).containsExactly("connected@30ms",
                "m1@130ms", "m2@130ms", "m3@150ms", "m4@150ms", "m5@150ms");
        assertThat(clientConnection(bed).retransmissions()).isEqualTo(2);
        assertThat(clientConnection(bed).retransmissionTimeouts()).isZero();
    }

    /** Matches the client's data packets whose 1-based rank among first transmissions is listed. */
    private static Predicate<Packet> nthDataPacketFromClient(int... ranks) {
        int[] seen = {0};
        return packet -> {
            if (!packet.source().equals(CLIENT) || !TcpTestbed.carriesData(packet)) {
                return false;
            }
            seen[0]++;
            for (int rank : ranks) {
                if (seen[0] == rank) {
                    return true;
                }
            }
            return false;
        };
    }

    @Test
    void aCutPathFailsTheSenderWithTimedOutAfterFifteenBackedOffRetransmissions() {
        // Linux tcp_retries2 = 15 with a 200 ms RTO: 0.2 * (2^10 - 1) + 6 * 120 = 924.6 s after the send.
        TcpTestbed bed = connected(TcpConfig.defaults());
        bed.at(seconds(1), () -> {
            bed.channel.cut(true);
            clientConnection(bed).send(new TestMessage("lost", 100));
        });
        bed.sim.run();

        assertThat(bed.sentBy(CLIENT).subList(2, bed.sentBy(CLIENT).size())).containsExactly(
                "1000ms ACK 100 dropped", "1200ms ACK 100 dropped", "1600ms ACK 100 dropped", "2400ms ACK 100 dropped",
                "4000ms ACK 100 dropped", "7200ms ACK 100 dropped", "13600ms ACK 100 dropped",
                "26400ms ACK 100 dropped", "52000ms ACK 100 dropped", "103200ms ACK 100 dropped",
                "205600ms ACK 100 dropped", "325600ms ACK 100 dropped", "445600ms ACK 100 dropped",
                "565600ms ACK 100 dropped", "685600ms ACK 100 dropped", "805600ms ACK 100 dropped");
        assertThat(bed.clientEvents.events()).containsExactly("connected@20ms", "TIMED_OUT@925600ms");
        assertThat(bed.client.connectionCount()).isZero();
        // Without keep-alives the idle receiver never notices.
        assertThat(bed.serverEvents.connection().state()).isEqualTo(TcpState.ESTABLISHED);
    }

    @Test
    void dataRetriesAreConfigurable() {
        TcpTestbed bed = connected(TcpConfig.defaults().withDataRetries(3));
        bed.at(seconds(1), () -> {
            bed.channel.cut(true);
            clientConnection(bed).send(new TestMessage("lost", 100));
        });
        bed.sim.run();

        assertThat(bed.clientEvents.events()).containsExactly("connected@20ms", "TIMED_OUT@4000ms");
        assertThat(clientConnection(bed).retransmissions()).isEqualTo(3);
    }

    @Test
    void theUserTimeoutEndsAStalledConnectionAtExactlyItsDeadline() {
        // RFC 5482 / Linux TCP_USER_TIMEOUT: the last timer is clamped to the deadline.
        TcpTestbed bed = connected(TcpConfig.defaults().withUserTimeout(millis(1500)));
        bed.at(seconds(1), () -> {
            bed.channel.cut(true);
            clientConnection(bed).send(new TestMessage("lost", 100));
        });
        bed.sim.run();

        assertThat(bed.sentBy(CLIENT)).endsWith("1000ms ACK 100 dropped", "1200ms ACK 100 dropped",
                "1600ms ACK 100 dropped", "2400ms ACK 100 dropped");
        assertThat(bed.clientEvents.events()).containsExactly("connected@20ms", "TIMED_OUT@2500ms");
    }

    @Test
    void aPathRepairedBeforeTheRetriesRunOutRecovers() {
        TcpTestbed bed = connected(TcpConfig.defaults());
        bed.at(seconds(1), () -> {
            bed.channel.cut(true);
            clientConnection(bed).send(new TestMessage("late", 100));
        });
        bed.at(seconds(3), () -> bed.channel.cut(false));
        bed.sim.run();

        // Retransmissions at 1.2, 1.6, 2.4 s are lost; the one at 4.0 s gets through.
        assertThat(bed.serverEvents.events()).containsExactly("connected@30ms", "late@4010ms");
        assertThat(clientConnection(bed).isConnected()).isTrue();
    }

    @Test
    void delayedAcksWaitForDataToRideOnButEverySecondFullSegmentIsAcknowledgedAtOnce() {
        // RFC 1122 §4.2.3.2, RFC 5681 §4.2.
        TcpTestbed bed = connected(TcpConfig.defaults().withDelayedAck(millis(40)));
        bed.at(millis(100), () -> clientConnection(bed).send(new TestMessage("small", 100)));
        bed.at(millis(300), () -> clientConnection(bed).send(new TestMessage("two-segments", 2920)));
        bed.sim.run();

        assertThat(bed.sentBy(SERVER)).containsExactly("10ms SYN|ACK 0", "150ms ACK 0", "310ms ACK 0");
    }

    @Test
    void withNagleAShortSegmentWaitsForTheAckOfTheOneInFlight() {
        // RFC 896, RFC 1122 §4.2.3.4: the head goes at once, the body when the head's ACK is back
        // (one round trip of 20 ms later), as the JDK HTTP server's two writes leave a Linux socket.
        TcpTestbed bed = connected(TcpConfig.defaults());
        bed.at(millis(100), () -> {
            clientConnection(bed).useNagle();
            clientConnection(bed).send(new TestMessage("head", 100));
            clientConnection(bed).send(new TestMessage("body", 50));
        });
        bed.sim.run();

        assertThat(bed.sentBy(CLIENT)).endsWith("100ms ACK 100", "120ms ACK 50");
        assertThat(bed.serverEvents.events()).endsWith("head@110ms", "body@130ms");
    }

    @Test
    void linuxDelaysAnAckOnlyAfterItRepliedQuicklyAndThenUntilMoreThanOneSegmentIsUnacknowledged() {
        // The server answers each "request" at once, which puts it in pingpong mode (tcp_event_data_sent):
        // the "note" after the first is acknowledged by the 40 ms timer, which ends the mode, so the
        // second request is acknowledged at once (with the answer); in the mode again, 1460 + 100
        // bytes are acknowledged as the second segment arrives (__tcp_ack_snd_check).
        TcpTestbed bed = connected(TcpConfig.defaults());
        bed.at(millis(60), () -> bed.serverEvents.connection().delayAcksLikeLinux(millis(40)));
        bed.serverEvents.whenMessage((connection, message) -> {
            if (message.toString().startsWith("request")) {
                connection.send(new TestMessage("answer", 100));
            }
        });
        bed.at(millis(100), () -> clientConnection(bed).send(new TestMessage("request-1", 100)));
        bed.at(millis(200), () -> clientConnection(bed).send(new TestMessage("note", 100)));
        bed.at(millis(300), () -> clientConnection(bed).send(new TestMessage("request-2", 100)));
        bed.at(millis(400), () -> clientConnection(bed).send(new TestMessage("segment-and-a-bit", 1560)));
        bed.sim.run();

        assertThat(bed.sentBy(SERVER)).containsExactly("10ms SYN|ACK 0", "110ms ACK 100", "250ms ACK 0",
                "310ms ACK 100", "410ms ACK 0");
    }

    @Test
    void anAnswerSentFromOnMessageCarriesTheAckAndSavesAPureAck() {
        TcpTestbed bed = new TcpTestbed().listening();
        bed.serverEvents.whenMessage((connection, message) -> connection.send(new TestMessage("answer", 50)));
        bed.connect().send(new TestMessage("question", 100));
        bed.sim.run();

        assertThat(bed.sentBy(SERVER)).containsExactly("10ms SYN|ACK 0", "30ms ACK 50");
        assertThat(bed.clientEvents.events()).containsExactly("connected@20ms", "answer@40ms");
    }

    @Test
    void wireBytesOfASmallExchangeAreHeadersPlusMessages() {
        // 40 = IPv4 20 + TCP 20. SYN, SYN-ACK, ACK+question, answer(+ACK), FIN, FIN(+ACK), ACK.
        TcpTestbed bed = new TcpTestbed().listening();
        bed.serverEvents.whenMessage((connection, message) -> connection.send(new TestMessage("answer", 50)));
        bed.clientEvents.whenMessage((connection, message) -> connection.close());
        bed.connect().send(new TestMessage("question", 100));
        bed.sim.run();

        List<Integer> sizes = bed.channel.log().stream().map(t -> t.packet().wireSize()).toList();
        assertThat(sizes).containsExactly(40, 40, 140, 90, 40, 40, 40);
        long clientBytes = bed.channel.log().stream()
                .filter(t -> t.packet().source().equals(CLIENT)).mapToLong(t -> t.packet().wireSize()).sum();
        assertThat(clientBytes).isEqualTo(260);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(430);
        assertThat(bed.clientEvents.connection().segmentsSent()).isEqualTo(4);
        assertThat(bed.serverEvents.connection().segmentsSent()).isEqualTo(3);
        assertThat(bed.client.connectionCount()).isZero();
        assertThat(bed.server.connectionCount()).isZero();
    }

    @Test
    void sendRejectsEmptyMessagesAndClosedConnections() {
        TcpTestbed bed = connected(TcpConfig.defaults());
        TcpConnection connection = clientConnection(bed);
        assertThatThrownBy(() -> connection.send(new TestMessage("empty", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("message size must be > 0 bytes, was 0");
        assertThatThrownBy(() -> connection.send(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("message must not be null");
        connection.close();
        assertThatThrownBy(() -> connection.send(new TestMessage("late", 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("it was closed");
    }
}
