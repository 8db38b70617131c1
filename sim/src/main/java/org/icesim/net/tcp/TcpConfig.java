package org.icesim.net.tcp;

import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

/**
 * Parameters of a {@link TcpStack}. Durations are nanoseconds. Defaults follow Linux where the RFCs
 * leave a choice, so simulated connections fail and recover when a real client's would.
 *
 * @param mss                   largest data bytes per segment; 1460 = Ethernet MTU 1500 − 40
 * @param initialRto            retransmission timeout before any RTT sample: 1 s (RFC 6298 §2.1)
 * @param minRto                floor of the computed RTO: 200 ms, Linux's TCP_RTO_MIN (RFC 6298 §2.4 asks
 *                              for 1 s; use {@code withMinRto(seconds(1))} for the RFC's value)
 * @param maxRto                ceiling of the backed-off RTO: 120 s, Linux's TCP_RTO_MAX (RFC 6298 §2.5: at
 *                              least 60 s)
 * @param synRetries            SYN retransmissions before a connect fails: 6, Linux's tcp_syn_retries, so a
 *                              SYN left unanswered fails after 1+2+4+8+16+32+64 = 127 s
 * @param synAckRetries         SYN-ACK retransmissions before a half-open connection is dropped: 5, Linux's
 *                              tcp_synack_retries
 * @param dataRetries           consecutive retransmission timeouts without progress before the connection
 *                              fails: 15, Linux's tcp_retries2 (RFC 1122 §4.2.3.5 R2). Linux turns this count
 *                              into a time budget computed as if the RTO started at 200 ms; with the
 *                              default 200 ms floor both give 924.6 s on a short path
 * @param userTimeout           0 = off; otherwise the connection fails once data (or a SYN) stayed
 *                              unacknowledged this long, and the retry counts no longer apply (RFC 5482,
 *                              Linux TCP_USER_TIMEOUT)
 * @param window                receive window advertised, which is also all a sender may have in flight
 *                              (no congestion control, no window scaling): 1..65535 bytes
 * @param delayedAck            0 = every data segment is acknowledged at once; otherwise an ACK waits up to
 *                              this long for data to ride on, except that every second full-sized segment
 *                              is acknowledged at once (RFC 1122 §4.2.3.2, RFC 5681 §4.2: at most 500 ms;
 *                              Linux uses 40 ms and up)
 * @param duplicateAckThreshold duplicate ACKs that trigger a fast retransmit: 3 (RFC 5681 §3.2); 0 = off
 * @param finTimeout            how long a closed connection waits in FIN-WAIT-2 for the peer's FIN: 60 s,
 *                              Linux's tcp_fin_timeout
 * @param tls                   TLS used by {@code connect} and {@code listen} when not told otherwise
 */
public record TcpConfig(
        int mss,
        long initialRto,
        long minRto,
        long maxRto,
        int synRetries,
        int synAckRetries,
        int dataRetries,
        long userTimeout,
        int window,
        long delayedAck,
        int duplicateAckThreshold,
        long finTimeout,
        TlsVersion tls) {

    private static final TcpConfig DEFAULTS = new TcpConfig(
            1460, seconds(1), millis(200), seconds(120), 6, 5, 15, 0, 65535, 0, 3, seconds(60), TlsVersion.NONE);

    public TcpConfig {
        if (mss < 1 || mss > 65495) {
            throw new IllegalArgumentException("mss must be in 1..65495 bytes, was " + mss);
        }
        if (minRto <= 0) {
            throw new IllegalArgumentException("minRto must be > 0 ns, was " + minRto);
        }
        if (maxRto < minRto) {
            throw new IllegalArgumentException("maxRto must be >= minRto (" + minRto + " ns), was " + maxRto);
        }
        if (initialRto <= 0 || initialRto > maxRto) {
            throw new IllegalArgumentException("initialRto must be in 1.." + maxRto + " ns (maxRto), was " + initialRto);
        }
        if (synRetries < 0) {
            throw new IllegalArgumentException("synRetries must be >= 0, was " + synRetries);
        }
        if (synAckRetries < 0) {
            throw new IllegalArgumentException("synAckRetries must be >= 0, was " + synAckRetries);
        }
        if (dataRetries < 0) {
            throw new IllegalArgumentException("dataRetries must be >= 0, was " + dataRetries);
        }
        if (userTimeout < 0) {
            throw new IllegalArgumentException("userTimeout must be >= 0 ns (0 = off), was " + userTimeout);
        }
        if (window < 1 || window > 65535) {
            throw new IllegalArgumentException("window must be in 1..65535 bytes, was " + window);
        }
        if (delayedAck < 0 || delayedAck >= millis(500)) {
            throw new IllegalArgumentException("delayedAck must be in [0, 500 ms) (RFC 1122 §4.2.3.2; 0 = off), was "
                    + delayedAck + " ns");
        }
        if (duplicateAckThreshold < 0) {
            throw new IllegalArgumentException("duplicateAckThreshold must be >= 0 (0 = off), was " + duplicateAckThreshold);
        }
        if (finTimeout <= 0) {
            throw new IllegalArgumentException("finTimeout must be > 0 ns, was " + finTimeout);
        }
        if (tls == null) {
            throw new IllegalArgumentException("tls must not be null (use TlsVersion.NONE for plain TCP)");
        }
    }

    /** Linux-like defaults; see the parameter descriptions. */
    public static TcpConfig defaults() {
        return DEFAULTS;
    }

    public TcpConfig withMss(int newMss) {
        return new TcpConfig(newMss, initialRto, minRto, maxRto, synRetries, synAckRetries, dataRetries,
                userTimeout, window, delayedAck, duplicateAckThreshold, finTimeout, tls);
    }

    public TcpConfig withMinRto(long newMinRto) {
        return new TcpConfig(mss, initialRto, newMinRto, maxRto, synRetries, synAckRetries, dataRetries,
                userTimeout, window, delayedAck, duplicateAckThreshold, finTimeout, tls);
    }

    public TcpConfig withSynRetries(int newSynRetries) {
        return new TcpConfig(mss, initialRto, minRto, maxRto, newSynRetries, synAckRetries, dataRetries,
                userTimeout, window, delayedAck, duplicateAckThreshold, finTimeout, tls);
    }

    public TcpConfig withDataRetries(int newDataRetries) {
        return new TcpConfig(mss, initialRto, minRto, maxRto, synRetries, synAckRetries, newDataRetries,
                userTimeout, window, delayedAck, duplicateAckThreshold, finTimeout, tls);
    }

    public TcpConfig withUserTimeout(long newUserTimeout) {
        return new TcpConfig(mss, initialRto, minRto, maxRto, synRetries, synAckRetries, dataRetries,
                newUserTimeout, window, delayedAck, duplicateAckThreshold, finTimeout, tls);
    }

    public TcpConfig withWindow(int newWindow) {
        return new TcpConfig(mss, initialRto, minRto, maxRto, synRetries, synAckRetries, dataRetries,
                userTimeout, newWindow, delayedAck, duplicateAckThreshold, finTimeout, tls);
    }

    public TcpConfig withDelayedAck(long newDelayedAck) {
        return new TcpConfig(mss, initialRto, minRto, maxRto, synRetries, synAckRetries, dataRetries,
                userTimeout, window, newDelayedAck, duplicateAckThreshold, finTimeout, tls);
    }

    public TcpConfig withDuplicateAckThreshold(int newThreshold) {
        return new TcpConfig(mss, initialRto, minRto, maxRto, synRetries, synAckRetries, dataRetries,
                userTimeout, window, delayedAck, newThreshold, finTimeout, tls);
    }

    public TcpConfig withTls(TlsVersion newTls) {
        return new TcpConfig(mss, initialRto, minRto, maxRto, synRetries, synAckRetries, dataRetries,
                userTimeout, window, delayedAck, duplicateAckThreshold, finTimeout, newTls);
    }
}
