package org.icesim.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.icesim.stun.ChannelData;
import org.icesim.stun.StunAttribute.ChannelNumber;
import org.icesim.stun.StunAttribute.Data;
import org.icesim.stun.StunAttribute.ErrorCode;
import org.icesim.stun.StunAttribute.Fingerprint;
import org.icesim.stun.StunAttribute.IceControlling;
import org.icesim.stun.StunAttribute.Lifetime;
import org.icesim.stun.StunAttribute.MessageIntegrity;
import org.icesim.stun.StunAttribute.Nonce;
import org.icesim.stun.StunAttribute.Priority;
import org.icesim.stun.StunAttribute.Realm;
import org.icesim.stun.StunAttribute.RequestedTransport;
import org.icesim.stun.StunAttribute.Software;
import org.icesim.stun.StunAttribute.UseCandidate;
import org.icesim.stun.StunAttribute.Username;
import org.icesim.stun.StunAttribute.XorMappedAddress;
import org.icesim.stun.StunAttribute.XorPeerAddress;
import org.icesim.stun.StunAttribute.XorRelayedAddress;
import org.icesim.stun.StunAttribute;
import org.icesim.stun.StunKey;
import org.icesim.stun.StunMessage;
import org.icesim.stun.StunMethod;
import org.icesim.stun.TransactionId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {

    private static final TransportAddress CLIENT = TransportAddress.of("10.0.0.2", 50000);
    private static final TransportAddress CLIENT_PUBLIC = TransportAddress.of("198.51.100.20", 61000);
    private static final TransportAddress SERVER = TransportAddress.of("203.0.113.1", 3478);
    private static final TransportAddress RELAYED = TransportAddress.of("203.0.113.1", 49152);
    private static final TransportAddress PEER = TransportAddress.of("198.51.100.7", 40000);
    private static final StunKey ICE_KEY = StunKey.shortTerm("0123456789abcdefghijkl");
    private static final StunKey TURN_KEY = StunKey.longTerm("alice", "icesim.test", "secret");
    private static final Path TSHARK = Path.of("/usr/bin/tshark");

    /** A TCP segment: header fields plus data, as a TCP model would carry it. */
    record Segment(long sequenceNumber, long acknowledgementNumber, int flags, int window, Payload data)
            implements Payload, TcpHeader {
        @Override
        public int size() {
            return data.size();
        }

        @Override
        public void encode(ByteBuffer out) {
            data.encode(out);
        }
    }

    /** Media-like bytes of a given size (zeros). */
    record Media(int size) implements Payload {
    }

    @Test
    void fileHeaderIsNanosecondPcapOfRawIpv4() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapWriter(out).close();
        ByteBuffer header = ByteBuffer.wrap(out.toByteArray());
        assertThat(header.remaining()).isEqualTo(24);
        assertThat(header.getInt()).isEqualTo(0xa1b23c4d);
        assertThat(header.getShort()).isEqualTo((short) 2);
        assertThat(header.getShort()).isEqualTo((short) 4);
        header.position(20);
        assertThat(header.getInt()).isEqualTo(228);
    }

    @Test
    void recordCarriesSimulatedTimeAndRealHeaders() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter writer = new PcapWriter(out);
        StunMessage request = StunMessage.request(StunMethod.BINDING, new TransactionId(1, 2), List.of());
        writer.write(1_500_000_123L, new Packet(Protocol.UDP, CLIENT, SERVER, request));
        writer.write(1_500_000_123L, new Packet(Protocol.UDP, SERVER, CLIENT, new Media(7)));
        writer.close();

        ByteBuffer file = ByteBuffer.wrap(out.toByteArray());
        file.position(24);
        assertThat(file.getInt()).as("seconds").isEqualTo(1);
        assertThat(file.getInt()).as("nanoseconds").isEqualTo(500_000_123);
        assertThat(file.getInt()).as("captured length").isEqualTo(48);
        assertThat(file.getInt()).as("wire length").isEqualTo(48);
        byte[] datagram = new byte[48];
        file.get(datagram);

        assertThat(datagram[0]).isEqualTo((byte) 0x45);
        assertThat(u16(datagram, 2)).as("IPv4 total length").isEqualTo(48);
        assertThat(datagram[8]).as("TTL").isEqualTo((byte) 64);
        assertThat(datagram[9]).as("protocol").isEqualTo((byte) 17);
        assertThat(onesComplementSum(datagram, 0, 20)).as("IPv4 header checksum verifies").isEqualTo(0xFFFF);
        assertThat(u16(datagram, 20)).isEqualTo(50000);
        assertThat(u16(datagram, 22)).isEqualTo(3478);
        assertThat(u16(datagram, 24)).as("UDP length").isEqualTo(28);
        assertThat(udpOrTcpChecksumVerifies(datagram)).isTrue();
        assertThat(u16(datagram, 28)).as("STUN Binding request type").isEqualTo(0x0001);

        file.position(file.position() + 8);
        assertThat(file.getInt()).isEqualTo(35);
        file.getInt();
        byte[] second = new byte[35];
        file.get(second);
        assertThat(u16(second, 4)).as("identification counts up").isEqualTo(u16(datagram, 4) + 1);
        assertThat(udpOrTcpChecksumVerifies(second)).as("odd-length UDP checksum").isTrue();
    }

    @Test
    void tcpSegmentHeaderComesFromThePayload() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter writer = new PcapWriter(out);
        Segment segment = new Segment(0xFFFF_FFF0L, 77, TcpHeader.FLAG_ACK | TcpHeader.FLAG_PSH, 4096, new Media(10));
        writer.write(0, new Packet(Protocol.TCP, CLIENT, SERVER, segment));
        writer.close();

        byte[] datagram = new byte[50];
        ByteBuffer.wrap(out.toByteArray(), 24 + 16, 50).get(datagram);
        assertThat(datagram[9]).isEqualTo((byte) 6);
        assertThat(ByteBuffer.wrap(datagram, 24, 4).getInt()).isEqualTo(0xFFFF_FFF0);
        assertThat(ByteBuffer.wrap(datagram, 28, 4).getInt()).isEqualTo(77);
        assertThat(datagram[32] & 0xFF).as("data offset 5").isEqualTo(0x50);
        assertThat(datagram[33]).isEqualTo((byte) 0x18);
        assertThat(u16(datagram, 34)).isEqualTo(4096);
        assertThat(udpOrTcpChecksumVerifies(datagram)).isTrue();
    }

    @Test
    void timeMustNotGoBackwards() {
        PcapWriter writer = new PcapWriter(new ByteArrayOutputStream());
        writer.write(10, new Packet(Protocol.UDP, CLIENT, SERVER, new Media(1)));
        assertThatThrownBy(() -> writer.write(9, new Packet(Protocol.UDP, CLIENT, SERVER, new Media(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 10 ns").hasMessageContaining("was 9");
    }

    @Test
    void wiresharkDecodesStunTurnIceAndTcpWithoutErrors(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("stun-turn.pcap");
        List<Packet> traffic = sampleTraffic();
        try (PcapWriter writer = PcapWriter.open(file)) {
            long t = 0;
            for (Packet packet : traffic) {
                writer.write(t, packet);
                t += 1_000_000; // 1 ms apart
            }
        }
        String output = tshark(file);

        assertThat(output).doesNotContain("Malformed").doesNotContain("Expert Info (Error");
        assertThat(output).doesNotContain("Bad checksum").doesNotContain("[Checksum Status: Bad]");
        assertThat(output).contains("XOR-MAPPED-ADDRESS", "MESSAGE-INTEGRITY", "FINGERPRINT", "USERNAME",
                "PRIORITY", "ICE-CONTROLLING", "USE-CANDIDATE", "REALM", "NONCE", "ERROR-CODE", "XOR-RELAYED-ADDRESS",
                "LIFETIME", "REQUESTED-TRANSPORT", "CHANNEL-NUMBER", "XOR-PEER-ADDRESS", "DATA", "SOFTWARE");
        assertThat(output).contains("Allocate Request", "Allocate Error Response", "Allocate Success Response",
                "CreatePermission Request", "Channel-Bind Request", "Send Indication", "Data Indication",
                "Binding Request", "Binding Success Response");
        assertThat(output).contains("TURN ChannelData Message").contains("Channel Number: 0x4001");
        long fingerprinted = traffic.stream().filter(p -> p.payload() instanceof StunMessage m
                && m.hasAttribute(Fingerprint.class)).count();
        assertThat(output.split("\\[CRC-32 Status: Good]", -1)).as("every FINGERPRINT checked good")
                .hasSize((int) fingerprinted + 1);
        assertThat(output).contains("IP: 203.0.113.1", "IP: 198.51.100.7", "Port: 49152", "Port: 61000");
        assertThat(output).contains("Transmission Control Protocol").contains("Sequence Number (raw): 1000");
        assertThat(output).doesNotContain("Unknown");
    }

    private static List<Packet> sampleTraffic() {
        List<Packet> packets = new ArrayList<>();
        // STUN Binding with a server on 3478 (RFC 8489 §3).
        TransactionId binding = new TransactionId(0x01010101, 0x0202020203030303L);
        StunMessage bindingRequest = StunMessage.request(StunMethod.BINDING, binding, List.of(new Software("icesim")));
        packets.add(udp(CLIENT, SERVER, bindingRequest));
        packets.add(udp(SERVER, CLIENT, bindingRequest.respondSuccess(List.of(new XorMappedAddress(CLIENT_PUBLIC),
                Fingerprint.INSTANCE))));

        // An ICE check and its answer, peer to peer on port 40000 (RFC 8445 §7.1).
        StunMessage check = StunMessage.request(StunMethod.BINDING, new TransactionId(7, 8), List.of(
                new Username("wxyz:abcd"), new Priority(1_862_270_975L), new IceControlling(0x1122334455667788L),
                UseCandidate.INSTANCE, new MessageIntegrity(ICE_KEY), Fingerprint.INSTANCE));
        packets.add(udp(CLIENT, PEER, check));
        packets.add(udp(PEER, CLIENT, check.respondSuccess(List.of(new XorMappedAddress(CLIENT_PUBLIC),
                new MessageIntegrity(ICE_KEY), Fingerprint.INSTANCE))));

        // TURN allocation with the 401 challenge (RFC 8656 §7).
        StunMessage allocate = StunMessage.request(StunMethod.ALLOCATE, new TransactionId(9, 10),
                List.of(RequestedTransport.UDP, Fingerprint.INSTANCE));
        packets.add(udp(CLIENT, SERVER, allocate));
        packets.add(udp(SERVER, CLIENT, allocate.respondError(List.of(ErrorCode.UNAUTHORIZED,
                new Realm("icesim.test"), new Nonce("nonce-0001"), Fingerprint.INSTANCE))));
        List<StunAttribute> credentials = List.of(new Username("alice"), new Realm("icesim.test"),
                new Nonce("nonce-0001"));
        StunMessage authenticated = StunMessage.request(StunMethod.ALLOCATE, new TransactionId(11, 12),
                concat(List.of(RequestedTransport.UDP), credentials, signed()));
        packets.add(udp(CLIENT, SERVER, authenticated));
        packets.add(udp(SERVER, CLIENT, authenticated.respondSuccess(concat(List.of(new XorRelayedAddress(RELAYED),
                new XorMappedAddress(CLIENT_PUBLIC), new Lifetime(600)), signed()))));

        // Permission and channel (RFC 8656 §9, §12).
        StunMessage permission = StunMessage.request(StunMethod.CREATE_PERMISSION, new TransactionId(13, 14),
                concat(List.of(new XorPeerAddress(PEER)), credentials, signed()));
        packets.add(udp(CLIENT, SERVER, permission));
        packets.add(udp(SERVER, CLIENT, permission.respondSuccess(signed())));
        StunMessage channelBind = StunMessage.request(StunMethod.CHANNEL_BIND, new TransactionId(15, 16),
                concat(List.of(new ChannelNumber(0x4001), new XorPeerAddress(PEER)), credentials, signed()));
        packets.add(udp(CLIENT, SERVER, channelBind));
        packets.add(udp(SERVER, CLIENT, channelBind.respondSuccess(signed())));

        // Send and Data indications carrying the ICE check and media (RFC 8656 §11).
        packets.add(udp(CLIENT, SERVER, StunMessage.indication(StunMethod.SEND, new TransactionId(17, 18),
                List.of(new XorPeerAddress(PEER), new Data(check)))));
        packets.add(udp(SERVER, CLIENT, StunMessage.indication(StunMethod.DATA, new TransactionId(19, 20),
                List.of(new XorPeerAddress(PEER), new Data(new Media(161))))));

        // ChannelData once the channel is bound (RFC 8656 §12.4).
        packets.add(udp(CLIENT, SERVER, new ChannelData(0x4001, new Media(160))));

        // STUN over TCP to the server: one segment carrying a Binding request (RFC 8489 §6.2.2).
        packets.add(new Packet(Protocol.TCP, CLIENT, SERVER, new Segment(1000, 5000,
                TcpHeader.FLAG_ACK | TcpHeader.FLAG_PSH, 65535, bindingRequest)));
        return packets;
    }

    private static List<StunAttribute> signed() {
        return List.of(new MessageIntegrity(TURN_KEY), Fingerprint.INSTANCE);
    }

    @SafeVarargs
    private static List<StunAttribute> concat(List<StunAttribute>... parts) {
        List<StunAttribute> all = new ArrayList<>();
        for (List<StunAttribute> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static Packet udp(TransportAddress from, TransportAddress to, Payload payload) {
        return new Packet(Protocol.UDP, from, to, payload);
    }

    /** tshark's full decode of {@code file}, checksums validated, port 40000 decoded as STUN. */
    private static String tshark(Path file) throws IOException, InterruptedException {
        if (!Files.isExecutable(TSHARK)) {
            if (System.getenv("CI") != null) {
                fail("tshark must be installed at " + TSHARK + " to check pcap output (CI installs it)");
            }
            assumeTrue(false, "tshark is not installed; skipping the Wireshark decoding check");
        }
        File log = file.resolveSibling("tshark.txt").toFile();
        Process process = new ProcessBuilder(TSHARK.toString(), "-r", file.toString(), "-V",
                "-d", "udp.port==40000,stun",
                "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE")
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("tshark did not finish within 60 s");
        }
        String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("tshark exit status; output:%n%s", output).isZero();
        return output;
    }

    private static int u16(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 8 | (bytes[at + 1] & 0xFF);
    }

    private static int onesComplementSum(byte[] bytes, int from, int length) {
        int sum = 0;
        for (int i = from; i < from + length; i += 2) {
            sum += (bytes[i] & 0xFF) << 8 | (i + 1 < from + length ? bytes[i + 1] & 0xFF : 0);
        }
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return sum;
    }

    /** Recomputes the transport checksum of an IPv4 datagram independently: the total must be 0xFFFF. */
    private static boolean udpOrTcpChecksumVerifies(byte[] datagram) {
        int segmentLength = datagram.length - 20;
        byte[] pseudo = new byte[12 + segmentLength];
        System.arraycopy(datagram, 12, pseudo, 0, 8);
        pseudo[9] = datagram[9];
        pseudo[10] = (byte) (segmentLength >>> 8);
        pseudo[11] = (byte) segmentLength;
        System.arraycopy(datagram, 20, pseudo, 12, segmentLength);
        return onesComplementSum(pseudo, 0, pseudo.length) == 0xFFFF;
    }
}
