package org.icesim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.net.tcp.TcpTestbed.CLIENT;
import static org.icesim.net.tcp.TcpTestbed.SERVER;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TcpTlsTest {

    private static TcpTestbed tls(TlsVersion client, TlsVersion server) {
        TcpTestbed bed = new TcpTestbed();
        bed.server.listen(SERVER, server, connection -> bed.serverEvents);
        bed.client.connect(CLIENT, SERVER, client, bed.clientEvents);
        return bed;
    }

    @Test
    void tls13AddsOneRoundTripBeforeTheClientIsConnected() {
        // RFC 8446 §2: ClientHello → server flight up to Finished → client Finished.
        TcpTestbed bed = tls(TlsVersion.TLS_1_3, TlsVersion.TLS_1_3);
        bed.sim.run();

        assertThat(bed.clientEvents.events()).containsExactly("connected@40ms");
        assertThat(bed.serverEvents.events()).containsExactly("connected@50ms");
        // ClientHello 250 B on the handshake ACK; the 3461 B server flight in three segments; Finished 64 B.
        assertThat(bed.sentBy(CLIENT)).containsExactly("0ms SYN 0", "20ms ACK 250", "40ms ACK 0", "40ms ACK 0", "40ms ACK 64");
        assertThat(bed.sentBy(SERVER)).containsExactly("10ms SYN|ACK 0",
                "30ms ACK 1460", "30ms ACK 1460", "30ms ACK 541", "50ms ACK 0");
        assertThat(bed.clientEvents.connection().tls()).isEqualTo(TlsVersion.TLS_1_3);
        assertThat(bed.serverEvents.connection().tls()).isEqualTo(TlsVersion.TLS_1_3);
    }

    @Test
    void tls12AddsTwoRoundTripsBeforeTheClientIsConnected() {
        // RFC 5246 §7.3: the client waits for the server's ChangeCipherSpec and Finished.
        TcpTestbed bed = tls(TlsVersion.TLS_1_2, TlsVersion.TLS_1_2);
        bed.sim.run();

        assertThat(bed.clientEvents.events()).containsExactly("connected@60ms");
        assertThat(bed.serverEvents.events()).containsExactly("connected@50ms");
        assertThat(bed.sentBy(CLIENT)).containsExactly("0ms SYN 0", "20ms ACK 250", "40ms ACK 0", "40ms ACK 0",
                "40ms ACK 93", "60ms ACK 0");
        assertThat(bed.sentBy(SERVER)).containsExactly("10ms SYN|ACK 0",
                "30ms ACK 1460", "30ms ACK 1460", "30ms ACK 480", "50ms ACK 51");
    }

    @Test
    void aTls13ServerAnswersATls12ClientWithTls12() {
        TcpTestbed bed = tls(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
        bed.sim.run();

        assertThat(bed.clientEvents.events()).containsExactly("connected@60ms");
        assertThat(bed.clientEvents.connection().tls()).isEqualTo(TlsVersion.TLS_1_2);
        assertThat(bed.serverEvents.connection().tls()).isEqualTo(TlsVersion.TLS_1_2);
    }

    @Test
    void aMessageSentAtConnectLeavesWithTheClientFinishedInOneRecordLayerSegment() {
        // 64 B Finished flight + 100 B message in a TLS 1.3 record (5 + 100 + 1 + 16 = 122 B).
        TcpTestbed bed = new TcpTestbed();
        bed.server.listen(SERVER, TlsVersion.TLS_1_3, connection -> bed.serverEvents);
        TestMessage hello = new TestMessage("hello", 100);
        bed.client.connect(CLIENT, SERVER, TlsVersion.TLS_1_3, bed.clientEvents).send(hello);
        bed.sim.run();

        assertThat(bed.sentBy(CLIENT)).contains("40ms ACK 186");
        assertThat(bed.serverEvents.messages()).singleElement().isSameAs(hello);
        assertThat(bed.serverEvents.events()).contains("hello@50ms");
    }

    @Test
    void tlsRecordOverheadIsCountedOnTheWire() {
        TcpTestbed bed = tls(TlsVersion.TLS_1_2, TlsVersion.TLS_1_2);
        bed.sim.runUntil(millis(100));
        bed.clientEvents.connection().send(new TestMessage("m", 100));
        bed.sim.run();

        // TLS 1.2 AES-GCM: 5 header + 8 explicit nonce + 16 tag.
        assertThat(bed.sentBy(CLIENT)).contains("100ms ACK 129");
        assertThat(bed.serverEvents.events()).contains("m@110ms");
    }

    @Test
    void aPlainClientIsResetByATlsServer() {
        TcpTestbed bed = tls(TlsVersion.NONE, TlsVersion.TLS_1_3);
        bed.sim.runUntil(millis(20));
        bed.clientEvents.connection().send(new TestMessage("GET", 100));
        bed.sim.run();

        assertThat(bed.sentBy(SERVER)).endsWith("30ms RST|ACK 0");
        assertThat(bed.clientEvents.events()).containsExactly("connected@20ms", "RESET@40ms");
        assertThat(bed.serverEvents.events()).isEmpty();
    }

    @Test
    void aTlsClientThatGetsSomethingOtherThanTheServerFlightFailsWithTlsFailed() {
        TcpTestbed bed = new TcpTestbed();
        bed.server.listen(SERVER, TlsVersion.NONE, connection -> {
            connection.send(new TestMessage("banner", 20)); // a plain server that speaks first
            return bed.serverEvents;
        });
        bed.client.connect(CLIENT, SERVER, TlsVersion.TLS_1_3, bed.clientEvents);
        bed.sim.run();

        assertThat(bed.clientEvents.events()).containsExactly("TLS_FAILED@40ms");
        assertThat(bed.sentBy(CLIENT)).endsWith("40ms RST|ACK 0");
    }

    @Test
    void flightSizesAreThoseOfATypicalFullHandshake() {
        assertThat(new TlsFlight(TlsVersion.TLS_1_3, TlsFlight.Kind.CLIENT_HELLO).size()).isEqualTo(250);
        assertThat(new TlsFlight(TlsVersion.TLS_1_3, TlsFlight.Kind.SERVER_FLIGHT).size()).isEqualTo(3461);
        assertThat(new TlsFlight(TlsVersion.TLS_1_3, TlsFlight.Kind.CLIENT_FINISHED).size()).isEqualTo(64);
        assertThat(new TlsFlight(TlsVersion.TLS_1_2, TlsFlight.Kind.CLIENT_HELLO).size()).isEqualTo(250);
        assertThat(new TlsFlight(TlsVersion.TLS_1_2, TlsFlight.Kind.SERVER_FLIGHT).size()).isEqualTo(3400);
        assertThat(new TlsFlight(TlsVersion.TLS_1_2, TlsFlight.Kind.CLIENT_FINISHED).size()).isEqualTo(93);
        assertThat(new TlsFlight(TlsVersion.TLS_1_2, TlsFlight.Kind.SERVER_FINISHED).size()).isEqualTo(51);
        assertThatThrownBy(() -> new TlsFlight(TlsVersion.TLS_1_3, TlsFlight.Kind.SERVER_FINISHED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TlsFlight(TlsVersion.NONE, TlsFlight.Kind.CLIENT_HELLO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NONE");
    }

    @Test
    void aFlightEncodesAsRecordsWhoseHeadersAddUpToItsSize() {
        for (TlsFlight flight : new TlsFlight[] {
            new TlsFlight(TlsVersion.TLS_1_3, TlsFlight.Kind.SERVER_FLIGHT),
            new TlsFlight(TlsVersion.TLS_1_2, TlsFlight.Kind.CLIENT_FINISHED)}) {
            ByteBuffer out = ByteBuffer.allocate(flight.size());
            flight.encode(out);
            assertThat(out.position()).isEqualTo(flight.size());
            int records = 0;
            int at = 0;
            while (at < flight.size()) {
                assertThat(out.get(at)).isIn((byte) 20, (byte) 22, (byte) 23);
                assertThat(out.get(at + 1)).isEqualTo((byte) 3);
                at += 5 + (out.getShort(at + 3) & 0xFFFF);
                records++;
            }
            assertThat(at).isEqualTo(flight.size());
            assertThat(records).isEqualTo(3);
        }
    }

    @Test
    void applicationDataTakesOneRecordPer16KiBWithTheVersionsOverhead() {
        // RFC 8446 §5.2 (5 + 1 + 16), RFC 5288 (5 + 8 + 16), records of at most 2^14 bytes.
        assertThat(TlsVersion.TLS_1_3.protectedSize(100)).isEqualTo(122);
        assertThat(TlsVersion.TLS_1_3.protectedSize(16384)).isEqualTo(16406);
        assertThat(TlsVersion.TLS_1_3.protectedSize(16385)).isEqualTo(16429);
        assertThat(TlsVersion.TLS_1_2.protectedSize(100)).isEqualTo(129);
        assertThat(TlsVersion.NONE.protectedSize(100)).isEqualTo(100);
    }

    @Test
    void applicationDataEncodesRecordHeadersAroundThePlaintext() {
        TlsApplicationData data = new TlsApplicationData(TlsVersion.TLS_1_3, new TestMessage("x", 20000));
        ByteBuffer out = ByteBuffer.allocate(data.size());
        data.encode(out);

        assertThat(out.position()).isEqualTo(20044);
        assertThat(out.get(0)).isEqualTo((byte) 23);
        assertThat(out.getShort(3)).isEqualTo((short) (16384 + 17));
        assertThat(out.get(5)).isEqualTo((byte) 'x');
        assertThat(out.get(5 + 16384)).isEqualTo((byte) 23); // inner content type
        int second = 5 + 16384 + 17;
        assertThat(out.get(second)).isEqualTo((byte) 23);
        assertThat(out.getShort(second + 3)).isEqualTo((short) (20000 - 16384 + 17));

        TlsApplicationData v12 = new TlsApplicationData(TlsVersion.TLS_1_2, new TestMessage("y", 10));
        ByteBuffer out12 = ByteBuffer.allocate(v12.size());
        v12.encode(out12);
        assertThat(out12.getShort(3)).isEqualTo((short) (8 + 10 + 16));
        assertThat(out12.get(5 + 8)).isEqualTo((byte) 'y');
    }
}
