/**
 * A TCP-like reliable, message-oriented transport over the simulated network, for signaling
 * (WebSocket-like) and TURN over TCP/TLS (RFC 6062, RFC 8656).
 *
 * <p>Use: a host owns one {@link org.icesim.net.tcp.TcpStack}, gives it the receiver its outbound
 * packets go to, and hands it every inbound TCP packet. Applications {@code listen} or
 * {@code connect}, {@code send} whole {@link org.icesim.net.Payload} messages, and hear
 * {@code onConnected}, {@code onMessage} and exactly one {@code onClosed} through a
 * {@link org.icesim.net.tcp.TcpListener}.
 *
 * <p>What is modelled, so that time and bytes come out as a real connection's would:
 * <ul>
 *   <li>the three-way handshake with random 32-bit ISNs; resets for closed ports and unknown
 *       connections (RFC 793 §3.4); FIN exchange; abort;</li>
 *   <li>segments of at most one MSS (1460) carrying slices of the message stream, sent at once
 *       (as with TCP_NODELAY; a connection may turn Nagle's algorithm on), acknowledged
 *       cumulatively; the receiver buffers out-of-order data;</li>
 *   <li>RFC 6298 retransmission timer (initial 1 s, SRTT/RTTVAR, Karn, back-off ×2 up to 120 s,
 *       3 s after a retransmitted handshake), floor 200 ms as in Linux (1 s in the RFC,
 *       configurable); retransmission of the first unacknowledged segment, fast retransmit on
 *       three duplicate ACKs, and the next hole retransmitted at once on a partial ACK;</li>
 *   <li>failure with {@code TIMED_OUT} after Linux's retry counts (6 SYN retries → 127 s;
 *       15 data retries → 924.6 s with a 200 ms RTO) or an optional user timeout;</li>
 *   <li>optional delayed ACKs (off by default), per stack, or per connection as Linux acknowledges
 *       on a request/response connection;</li>
 *   <li>optional TLS 1.2 (2 RTT) or 1.3 (1 RTT) handshake as flights of realistic sizes before
 *       {@code onConnected}, and AES-GCM record overhead on every message.</li>
 * </ul>
 * Deliberately left out: options, window scaling, SACK, timestamps, congestion control (a fixed
 * window of at most 64 KiB bounds what is in flight), keep-alives, simultaneous open and
 * TIME-WAIT.
 */
package org.icesim.net.tcp;
