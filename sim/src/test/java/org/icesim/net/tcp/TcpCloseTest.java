package org.icesim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;
import static org.icesim.net.tcp.TcpTestbed.CLIENT;
import static org.icesim.net.tcp.TcpTestbed.SERVER;

import org.icesim.net.TcpHeader;
import org.junit.jupiter.api.Test;

class TcpCloseTest {

    private static TcpTestbed connected() {
        TcpTestbed bed = new TcpTestbed().listening();
        bed.connect();
        bed.sim.runUntil(millis(50));
        return bed;
    }

    @Test
    void closeExchangesFinsAndThePeerHearsClosedByPeerOneWayLater() {
        // RFC 793 §3.5: FIN, the peer's FIN (here with the ACK of ours), last ACK.
        TcpTestbed bed = connected();
        TcpConnection client = bed.clientEvents.connection();
        TcpConnection server = bed.serverEvents.connection();
        bed.at(millis(100), client::close);
        bed.sim.runUntil(millis(115));
        assertThat(client.state()).isEqualTo(TcpState.FIN_WAIT_1);
        assertThat(server.state()).isEqualTo(TcpState.LAST_ACK);
        bed.sim.run();

        assertThat(bed.sentBy(CLIENT)).endsWith("100ms FIN|ACK 0", "120ms ACK 0");
        assertThat(bed.sentBy(SERVER)).endsWith("110ms FIN|ACK 0");
        assertThat(bed.clientEvents.events()).containsExactly("connected@20ms", "LOCAL_CLOSE@100ms");
        assertThat(bed.serverEvents.events()).containsExactly("connected@30ms", "CLOSED_BY_PEER@110ms");
        assertThat(client.state()).isEqualTo(TcpState.CLOSED);
        assertThat(server.state()).isEqualTo(TcpState.CLOSED);
        assertThat(bed.client.connectionCount()).isZero();
        assertThat(bed.server.connectionCount()).isZero();
    }

    @Test
    void messagesSentBeforeCloseAreDeliveredBeforeTheClose() {
        TcpTestbed bed = connected();
        TcpConnection client = bed.clientEvents.connection();
        bed.at(millis(100), () -> {
            client.send(new TestMessage("last-words", 3000));
            client.close();
        });
        bed.sim.run();

        assertThat(bed.serverEvents.events()).containsExactly("connected@30ms", "last-words@110ms", "CLOSED_BY_PEER@110ms");
    }

    @Test
    void finRidesOnTheLastDataSegmentWhenTheWindowHeldItBack() {
        TcpTestbed bed = new TcpTestbed(TcpConfig.defaults().withWindow(1000)).listening();
        bed.connect();
        bed.sim.runUntil(millis(50));
        TcpConnection client = bed.clientEvents.connection();
        bed.at(millis(100), () -> {
            client.send(new TestMessage("a", 1000));
            client.send(new TestMessage("b", 500));
            client.close();
        });
        bed.sim.run();

        assertThat(bed.sentBy(CLIENT)).contains("100ms ACK 1000", "120ms FIN|ACK 500");
        assertThat(bed.serverEvents.events()).containsExactly("connected@30ms", "a@110ms", "b@130ms", "CLOSED_BY_PEER@130ms");
    }

    @Test
    void aLostFinIsRetransmittedAtTheRto() {
        TcpTestbed bed = connected();
        bed.channel.drop(1, packet -> ((TcpSegment) packet.payload()).has(TcpHeader.FLAG_FIN));
        TcpConnection client = bed.clientEvents.connection();
        bed.at(millis(100), client::close);
        bed.sim.run();

        assertThat(bed.sentBy(CLIENT)).endsWith("100ms FIN|ACK 0 dropped", "300ms FIN|ACK 0", "320ms ACK 0");
        assertThat(bed.serverEvents.events()).containsExactly("connected@30ms", "CLOSED_BY_PEER@310ms");
        assertThat(client.retransmissions()).isEqualTo(1);
    }

    @Test
    void aClosedConnectionWaitsInFinWait2NoLongerThanTheFinTimeout() {
        // Linux tcp_fin_timeout: 60 s for a connection the application closed.
        TcpTestbed bed = connected();
        bed.channel.dropAll(packet -> packet.source().equals(SERVER)
                && ((TcpSegment) packet.payload()).has(TcpHeader.FLAG_FIN));
        TcpConnection client = bed.clientEvents.connection();
        bed.at(millis(100), client::close);
        bed.sim.runUntil(seconds(1));
        // The server's FIN|ACK was lost; our retransmitted FIN at 300 ms drew a bare ACK at 310 ms.
        assertThat(client.state()).isEqualTo(TcpState.FIN_WAIT_2);
        bed.sim.runUntil(millis(60_319));
        assertThat(client.state()).isEqualTo(TcpState.FIN_WAIT_2);
        bed.sim.runUntil(millis(60_320));
        assertThat(client.state()).isEqualTo(TcpState.CLOSED);
    }

    @Test
    void abortSendsRstAndThePeerHearsReset() {
        // RFC 793 §3.5 ABORT.
        TcpTestbed bed = connected();
        TcpConnection client = bed.clientEvents.connection();
        bed.at(millis(100), client::abort);
        bed.sim.run();

        assertThat(bed.sentBy(CLIENT)).endsWith("100ms RST|ACK 0");
        assertThat(bed.clientEvents.events()).containsExactly("connected@20ms", "LOCAL_ABORT@100ms");
        assertThat(bed.serverEvents.events()).containsExactly("connected@30ms", "RESET@110ms");
        assertThat(bed.server.connectionCount()).isZero();
    }

    @Test
    void closingBeforeTheSynAckForgetsTheConnectionAndTheLateSynAckIsReset() {
        // RFC 793: CLOSE in SYN-SENT deletes the connection without sending anything.
        TcpTestbed bed = new TcpTestbed().listening();
        TcpConnection client = bed.connect();
        bed.at(millis(5), client::close);
        bed.sim.run();

        assertThat(bed.clientEvents.events()).containsExactly("LOCAL_CLOSE@5ms");
        assertThat(bed.sentBy(CLIENT)).containsExactly("0ms SYN 0", "20ms RST 0");
        assertThat(bed.serverEvents.events()).isEmpty();
        assertThat(bed.server.connectionCount()).isZero();
    }

    @Test
    void dataArrivingAfterTheApplicationClosedIsAnsweredWithRst() {
        // Linux resets a closed socket that still receives data (RFC 2525 §2.17).
        TcpTestbed bed = connected();
        TcpConnection client = bed.clientEvents.connection();
        TcpConnection server = bed.serverEvents.connection();
        bed.at(millis(100), client::close);
        bed.at(millis(105), () -> server.send(new TestMessage("too-late", 100)));
        bed.sim.run();

        // The server's FIN|ACK sent at 110 ms then meets a forgotten connection: the stack resets it.
        assertThat(bed.sentBy(CLIENT)).endsWith("100ms FIN|ACK 0", "115ms RST|ACK 0", "120ms RST 0");
        assertThat(bed.clientEvents.events()).containsExactly("connected@20ms", "LOCAL_CLOSE@100ms");
        assertThat(bed.client.connectionCount()).isZero();
        assertThat(bed.server.connectionCount()).isZero();
    }

    @Test
    void aCrashedPeerResetsTheNextSegmentAndTheSenderHearsReset() {
        TcpTestbed bed = connected();
        bed.at(millis(100), bed.server::crash);
        bed.at(millis(200), () -> bed.clientEvents.connection().send(new TestMessage("anyone?", 100)));
        bed.sim.run();

        assertThat(bed.sentBy(SERVER)).endsWith("210ms RST 0");
        assertThat(bed.clientEvents.events()).containsExactly("connected@20ms", "RESET@220ms");
        assertThat(bed.serverEvents.events()).containsExactly("connected@30ms");
        assertThat(bed.server.connectionCount()).isZero();
    }

    @Test
    void aCrashedListenerRefusesNewConnections() {
        TcpTestbed bed = new TcpTestbed().listening();
        bed.server.crash();
        bed.connect();
        bed.sim.run();

        assertThat(bed.clientEvents.events()).containsExactly("REFUSED@20ms");
    }

    @Test
    void anAcceptorThatAbortsRefusesTheConnectionWithoutCallbacks() {
        TcpTestbed bed = new TcpTestbed();
        bed.server.listen(SERVER, connection -> {
            connection.abort();
            return bed.serverEvents;
        });
        bed.connect();
        bed.sim.run();

        assertThat(bed.serverEvents.events()).isEmpty();
        assertThat(bed.clientEvents.events()).containsExactly("connected@20ms", "RESET@40ms");
    }

    @Test
    void closeAndAbortAreHarmlessOnceTheConnectionEnded() {
        TcpTestbed bed = connected();
        TcpConnection client = bed.clientEvents.connection();
        client.abort();
        client.close();
        client.abort();

        assertThat(bed.clientEvents.events()).containsExactly("connected@20ms", "LOCAL_ABORT@50ms");
    }
}
