package org.icesim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.icesim.net.Packet;
import org.icesim.net.Protocol;
import org.icesim.net.TcpHeader;
import org.icesim.net.TransportAddress;
import org.junit.jupiter.api.Test;

class TcpSegmentTest {

    private static String encode(TcpSegment segment) {
        ByteBuffer out = ByteBuffer.allocate(segment.size());
        segment.encode(out);
        assertThat(out.position()).isEqualTo(segment.size());
        return new String(out.array(), StandardCharsets.US_ASCII);
    }

    @Test
    void aSegmentEncodesTheSliceOfEachMessageItSpans() {
        SendBuffer buffer = new SendBuffer();
        buffer.append(new TestMessage("a", 4));
        buffer.append(new TestMessage("b", 6));
        buffer.append(new TestMessage("c", 2));
        StreamMessage first = buffer.head();

        assertThat(encode(new TcpSegment(1, 0, TcpHeader.FLAG_ACK, 65535, first, 2, 9))).isEqualTo("aabbbbbbc");
        assertThat(encode(new TcpSegment(1, 0, TcpHeader.FLAG_ACK, 65535, first, 0, 12))).isEqualTo("aaaabbbbbbcc");
        assertThat(encode(new TcpSegment(1, 0, TcpHeader.FLAG_ACK, 65535, first.next(), 5, 1))).isEqualTo("b");
    }

    @Test
    void sizeIsTheDataLengthAndThePacketAddsIpAndTcpHeaders() {
        SendBuffer buffer = new SendBuffer();
        buffer.append(new TestMessage("a", 100));
        TcpSegment segment = new TcpSegment(7, 9, TcpHeader.FLAG_ACK | TcpHeader.FLAG_PSH, 1000, buffer.head(), 0, 100);
        Packet packet = new Packet(Protocol.TCP, TransportAddress.of("10.0.0.1", 1), TransportAddress.of("10.0.0.2", 2), segment);

        assertThat(segment.size()).isEqualTo(100);
        assertThat(packet.wireSize()).isEqualTo(140);
        assertThat(segment.toString()).isEqualTo("PSH|ACK seq=7 ack=9 win=1000 len=100");
    }

    @Test
    void dataAndItsMessageGoTogether() {
        SendBuffer buffer = new SendBuffer();
        buffer.append(new TestMessage("a", 4));
        assertThatThrownBy(() -> new TcpSegment(0, 0, 0, 0, null, 0, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was length 5 with no message");
        assertThatThrownBy(() -> new TcpSegment(0, 0, 0, 0, buffer.head(), 4, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("offsetInFirstMessage must be in 0..3, was 4");
    }
}
