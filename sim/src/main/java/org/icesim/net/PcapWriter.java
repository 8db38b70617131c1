package org.icesim.net;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes packets to a classic libpcap file that Wireshark and tshark read: nanosecond
 * timestamps (magic 0xa1b23c4d), link type LINKTYPE_IPV4 (228), so each record is a raw IPv4
 * datagram. Headers are real: an IPv4 header with a correct checksum, TTL 64 and an
 * identification counter, then a UDP header (length and checksum) or a TCP header (taken from
 * the payload when it implements {@link TcpHeader}; data offset 5, correct checksum), then the
 * bytes the payload's {@link Payload#encode} writes.
 *
 * <p>Timestamps are the simulated times the caller passes, so a capture of a run shows simulated
 * time from zero. Not thread-safe; one writer per run.
 */
public final class PcapWriter implements Closeable {

    /** LINKTYPE_IPV4 from the tcpdump link-type registry: each record starts with an IPv4 header. */
    public static final int LINKTYPE_IPV4 = 228;

    private static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
    private static final int SNAPLEN = 0xFFFF;
    private static final int MAX_DATAGRAM = 0xFFFF;
    private static final int RECORD_HEADER_BYTES = 16;
    private static final int TTL = 64;
    private static final int IPV4_DONT_FRAGMENT = 0x4000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final OutputStream out;
    private final ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_BYTES + MAX_DATAGRAM);
    private int identification;
    private long lastTimeNanos;

    /** Starts a capture on {@code out} by writing the file header; {@link #close()} closes {@code out}. */
    public PcapWriter(OutputStream out) {
        this.out = out;
        ByteBuffer header = ByteBuffer.allocate(24);
        header.putInt(MAGIC_NANOSECONDS) // written big-endian; readers detect the byte order from it
                .putShort((short) 2).putShort((short) 4) // format version 2.4
                .putInt(0) // time zone offset: timestamps are UTC (here: simulated time)
                .putInt(0) // timestamp accuracy, unused by readers
                .putInt(SNAPLEN)
                .putInt(LINKTYPE_IPV4);
        write(header.array(), header.position());
    }

    /** Opens (or replaces) {@code file} and starts a capture in it. */
    public static PcapWriter open(Path file) {
        try {
            return new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create pcap file " + file, e);
        }
    }

    /**
     * Appends {@code packet} as sent (or seen) at simulated time {@code timeNanos}. Times must not
     * decrease, as capture readers expect records in time order.
     */
    public void write(long timeNanos, Packet packet) {
        if (timeNanos < lastTimeNanos || timeNanos < 0) {
            throw new IllegalArgumentException("pcap time must be >= " + lastTimeNanos
                    + " ns (zero, or the previous record's time), was " + timeNanos);
        }
        int length = packet.wireSize();
        if (length > MAX_DATAGRAM) {
            throw new IllegalArgumentException("packet must be at most 65535 bytes for IPv4, was " + length + ": "
                    + packet);
        }
        lastTimeNanos = timeNanos;
        ByteBuffer buffer = record.clear();
        buffer.putInt((int) (timeNanos / NANOS_PER_SECOND))
                .putInt((int) (timeNanos % NANOS_PER_SECOND))
                .putInt(length) // captured length: the whole datagram
                .putInt(length); // length on the wire
        int ip = buffer.position();
        putIpv4Header(buffer, packet, length);
        int transport = buffer.position();
        int payloadLength = packet.payload().size();
        if (packet.protocol() == Protocol.UDP) {
            putUdpHeader(buffer, packet, payloadLength);
        } else {
            putTcpHeader(buffer, packet);
        }
        int payloadStart = buffer.position();
        packet.payload().encode(buffer);
        if (buffer.position() - payloadStart != payloadLength) {
            throw new IllegalStateException("payload " + packet.payload() + " wrote " + (buffer.position() - payloadStart)
                    + " bytes, but its size() is " + payloadLength);
        }
        byte[] bytes = buffer.array();
        int checksumAt = transport + (packet.protocol() == Protocol.UDP ? 6 : 16);
        int checksum = transportChecksum(bytes, ip, transport, buffer.position());
        if (packet.protocol() == Protocol.UDP && checksum == 0) {
            checksum = 0xFFFF; // RFC 768: a computed zero is sent as all ones (zero means "no checksum")
        }
        putShort(bytes, checksumAt, checksum);
        write(bytes, buffer.position());
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close pcap output", e);
        }
    }

    /** RFC 791 header without options; checksum over the header (RFC 1071 one's-complement sum). */
    private void putIpv4Header(ByteBuffer buffer, Packet packet, int totalLength) {
        int start = buffer.position();
        buffer.put((byte) 0x45) // version 4, header length 5 words
                .put((byte) 0) // DSCP and ECN
                .putShort((short) totalLength)
                .putShort((short) identification)
                .putShort((short) IPV4_DONT_FRAGMENT)
                .put((byte) TTL)
                .put((byte) packet.protocol().ipProtocolNumber())
                .putShort((short) 0) // checksum, filled in below
                .putInt(packet.source().ip().bits())
                .putInt(packet.destination().ip().bits());
        identification = (identification + 1) & 0xFFFF;
        byte[] bytes = buffer.array();
        putShort(bytes, start + 10, ~sum(bytes, start, Protocol.IPV4_HEADER_BYTES, 0) & 0xFFFF);
    }

    /** RFC 768: ports, length of header and data, checksum (filled in once the data is written). */
    private static void putUdpHeader(ByteBuffer buffer, Packet packet, int payloadLength) {
        buffer.putShort((short) packet.source().port())
                .putShort((short) packet.destination().port())
                .putShort((short) (Protocol.UDP.headerBytes() + payloadLength))
                .putShort((short) 0);
    }

    /**
     * RFC 9293 header without options. A payload that is not a {@link TcpHeader} gets sequence
     * and acknowledgement numbers of zero and PSH|ACK, the flags of a data segment.
     */
    private static void putTcpHeader(ByteBuffer buffer, Packet packet) {
        long sequence = 0;
        long acknowledgement = 0;
        int flags = TcpHeader.FLAG_PSH | TcpHeader.FLAG_ACK;
        int window = 0xFFFF;
        if (packet.payload() instanceof TcpHeader header) {
            sequence = header.sequenceNumber();
            acknowledgement = header.acknowledgementNumber();
            flags = header.flags();
            window = header.window();
        }
        buffer.putShort((short) packet.source().port())
                .putShort((short) packet.destination().port())
                .putInt((int) sequence)
                .putInt((int) acknowledgement)
                .putShort((short) (5 << 12 | flags & 0x1FF)) // data offset 5 words: no options
                .putShort((short) window)
                .putShort((short) 0) // checksum, filled in once the data is written
                .putShort((short) 0); // urgent pointer
    }

    /** UDP/TCP checksum: over the pseudo-header (addresses, protocol, length) and the segment. */
    private static int transportChecksum(byte[] bytes, int ip, int transport, int end) {
        int segmentLength = end - transport;
        int pseudo = sum(bytes, ip + 12, 8, 0) // source and destination addresses
                + (bytes[ip + 9] & 0xFF) // zero byte and protocol
                + segmentLength;
        return ~sum(bytes, transport, segmentLength, pseudo) & 0xFFFF;
    }

    /** RFC 1071 one's-complement sum of 16-bit words, folded to 16 bits; an odd last byte is padded. */
    private static int sum(byte[] bytes, int from, int length, int initial) {
        long sum = initial & 0xFFFF_FFFFL;
        int end = from + length;
        int i = from;
        for (; i + 1 < end; i += 2) {
            sum += (bytes[i] & 0xFF) << 8 | (bytes[i + 1] & 0xFF);
        }
        if (i < end) {
            sum += (bytes[i] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    private static void putShort(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 8);
        bytes[at + 1] = (byte) value;
    }

    private void write(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pcap record", e);
        }
    }
}
