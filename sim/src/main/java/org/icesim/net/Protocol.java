package org.icesim.net;

/** Transport protocols carried over IPv4, with their header size on the wire (no options). */
public enum Protocol {
    UDP(17, 8),
    TCP(6, 20);

    /** The IPv4 header without options (RFC 791). */
    public static final int IPV4_HEADER_BYTES = 20;

    private final int ipProtocolNumber;
    private final int headerBytes;

    Protocol(int ipProtocolNumber, int headerBytes) {
        this.ipProtocolNumber = ipProtocolNumber;
        this.headerBytes = headerBytes;
    }

    /** The IPv4 protocol field value (IANA). */
    public int ipProtocolNumber() {
        return ipProtocolNumber;
    }

    public int headerBytes() {
        return headerBytes;
    }
}
