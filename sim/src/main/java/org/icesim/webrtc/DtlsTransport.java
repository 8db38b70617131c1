package org.icesim.webrtc;

import java.util.function.Consumer;
import org.icesim.kernel.Scheduler;
import org.icesim.kernel.Timer;

/**
 * The DTLS transport running over the connection's ICE transport, as a plain state machine: the
 * handshake starts when ICE first finds a usable pair and takes a fixed time; it is not disturbed
 * by later ICE trouble (W3C RTCIceTransportState: "failed" does not close DTLS, so a restart can
 * recover the same association). Handshake packets, retransmissions and roles are not modelled.
 */
public final class DtlsTransport {

    private final Scheduler scheduler;
    private final long handshakeNanos;
    private final Consumer<DtlsTransportState> onChange;
    private DtlsTransportState state = DtlsTransportState.NEW;
    private Timer handshake;

    DtlsTransport(Scheduler scheduler, long handshakeNanos, Consumer<DtlsTransportState> onChange) {
        this.scheduler = scheduler;
        this.handshakeNanos = handshakeNanos;
        this.onChange = onChange;
    }

    /** The transport's own state (the peer connection's view follows it one queued task later). */
    public DtlsTransportState state() {
        return state;
    }

    /**
     * Fails the transport, e.g. a fatal alert or a certificate that does not match the signalled
     * fingerprint (W3C RTCDtlsTransportState "failed"). Failed and closed are final.
     */
    public void fail() {
        if (state == DtlsTransportState.FAILED || state == DtlsTransportState.CLOSED) {
            return;
        }
        cancelHandshake();
        change(DtlsTransportState.FAILED);
    }

    /** ICE found a usable pair: starts the handshake if it has not started yet. */
    void startHandshake() {
        if (state != DtlsTransportState.NEW) {
            return;
        }
        change(DtlsTransportState.CONNECTING);
        handshake = scheduler.schedule(handshakeNanos, () -> change(DtlsTransportState.CONNECTED));
    }

    /** Closes without reporting: W3C close() sets the state and fires no event. */
    void close() {
        cancelHandshake();
        state = DtlsTransportState.CLOSED;
    }

    private void cancelHandshake() {
        if (handshake != null) {
            handshake.cancel();
            handshake = null;
        }
    }

    private void change(DtlsTransportState next) {
        state = next;
        onChange.accept(next);
    }
}
