package org.icesim.turn;

/**
 * How a TURN client reaches its server (RFC 8656 §3.1). The relayed side toward peers is UDP in
 * every case (REQUESTED-TRANSPORT 17).
 */
public enum TurnTransport {
    /** Datagrams to port 3478; STUN retransmissions apply. */
    UDP(3478),
    /** One TCP connection to port 3478: +1 RTT handshake, no STUN retransmissions. */
    TCP(3478),
    /** TLS over TCP to port 5349: the TCP handshake, then the TLS handshake, before the first request. */
    TLS(5349);

    private final int defaultPort;

    TurnTransport(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The port a server listens on for this transport unless configured otherwise (RFC 8656 §4). */
    public int defaultPort() {
        return defaultPort;
    }

    /** Whether the transport delivers reliably, so STUN requests are sent once (RFC 8489 §6.2.2). */
    public boolean isReliable() {
        return this != UDP;
    }
}
