package org.icesim.net;

/**
 * The TCP header fields of a segment, for writers that need the real header bytes (pcap). The
 * header's size is already counted by {@link Protocol#TCP}; a TCP payload that implements this
 * interface lets a capture show sequence numbers and flags as a real TCP stack would.
 */
public interface TcpHeader {
    int FLAG_FIN = 0x01;
    int FLAG_SYN = 0x02;
    int FLAG_RST = 0x04;
    int FLAG_PSH = 0x08;
    int FLAG_ACK = 0x10;

    /** Sequence number (32 bits, wraps). */
    long sequenceNumber();

    /** Acknowledgement number (32 bits, meaningful when {@link #FLAG_ACK} is set). */
    long acknowledgementNumber();

    /** Flag bits as in the TCP header (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10). */
    int flags();

    /** Receive window advertised, in bytes (0..65535). */
    int window();
}
