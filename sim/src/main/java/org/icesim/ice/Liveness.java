package org.icesim.ice;

/** How an agent decides, once a pair is selected, that the path is "disconnected" or "failed". */
public enum Liveness {
    /**
     * RFC 7675 consent freshness: a consent check every 4-6 s on the selected pair; one that goes
     * unanswered until the next is due reports "disconnected"; 30 s without a successful answer
     * withdraws consent, the pair stops carrying data, and the transport is "failed".
     */
    CONSENT,
    /**
     * libwebrtc: the selected pair is pinged (2.5 s when strong, 48 ms when unwritable or not
     * receiving for 2.5 s); at least 5 unanswered pings with the first 5 s old make it unwritable
     * ("disconnected"); 15 s after its first unanswered ping it times out: no longer active, no
     * data on it, but still pinged, and writable again on an answer. The transport is "failed"
     * while no pair is active, and recovers when one answers again. A pair is destroyed only when
     * dead: nothing received for 30 s and its oldest unanswered ping 30 s old (connection.cc
     * UpdateState and dead(), p2p_transport_channel.cc ComputeIceTransportState).
     */
    PINGS,
    /**
     * pion: at the ticks of one timer loop (every keepalive interval), "disconnected" when nothing
     * arrived from the selected pair for more than the disconnected timeout, "failed" (terminal)
     * for more than the failed timeout more, "connected" again otherwise (agent.go
     * connectivityChecks, validateSelectedPair); a keepalive Binding request at a tick when nothing
     * was sent or nothing arrived for the keepalive interval (agent.go checkKeepalive).
     */
    LAST_PACKET
}
