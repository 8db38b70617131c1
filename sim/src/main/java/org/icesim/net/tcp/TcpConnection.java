package org.icesim.net.tcp;

import static org.icesim.kernel.Durations.millis;
import static org.icesim.net.TcpHeader.FLAG_ACK;
import static org.icesim.net.TcpHeader.FLAG_FIN;
import static org.icesim.net.TcpHeader.FLAG_PSH;
import static org.icesim.net.TcpHeader.FLAG_RST;
import static org.icesim.net.TcpHeader.FLAG_SYN;

import java.util.ArrayDeque;
import org.icesim.kernel.Scheduler;
import org.icesim.kernel.Timer;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;

/**
 * One end of a reliable, ordered, message-oriented connection. Messages are laid end to end on a
 * byte stream, cut into segments of at most one MSS, acknowledged cumulatively and handed to the
 * peer's application whole and in order.
 *
 * <p>Internally sequence numbers are 64-bit offsets from each side's initial sequence number (0 is
 * the SYN, data byte i is 1 + i, the FIN follows the last data byte) and become 32-bit wire values
 * only in segments, so wrap-around needs no special case.
 *
 * <p>Loss recovery: the retransmission timer follows RFC 6298; on expiry the first unacknowledged
 * segment is sent again (§5.4) and the timer backs off. Three duplicate ACKs trigger a fast
 * retransmit of the same segment (RFC 5681 §3.2). While recovering, an ACK that covers part but
 * not all of what was outstanding shows the next hole, which is retransmitted at once (the partial
 * acknowledgement rule of RFC 6582 §3.2). There is no congestion control: everything up to the
 * peer's advertised window may be in flight.
 */
public final class TcpConnection {
    private static final long NONE = -1;
    private static final long SEQUENCE_MASK = 0xFFFF_FFFFL;

    private final TcpStack stack;
    private final Scheduler scheduler;
    private final TcpConfig config;
    private final TransportAddress localAddress;
    private final TransportAddress remoteAddress;
    private final boolean activeOpen;
    private final TcpAcceptor acceptor;
    private final TlsHandshake tls;
    private final Runnable onRetransmissionTimer = this::retransmissionTimerFired;
    private final Runnable onDelayedAckTimer = this::delayedAckTimerFired;

    private TcpListener listener;
    private TcpState state;
    private boolean connected;
    private boolean closeRequested;
    private boolean notified;
    private ArrayDeque<Payload> held;

    // Send side; offsets from our ISS.
    private final long iss;
    private final SendBuffer sendBuffer = new SendBuffer();
    private final RttEstimator rtt;
    private long sndUna;
    private long sndNxt;
    private long finSeq = NONE;
    private int peerWindow;
    private long timedSeq = NONE;
    private long timedAt;
    private int consecutiveTimeouts;
    private boolean inRecovery;
    private long recoverSeq;
    private int duplicateAcks;
    private long progressAt;
    private Timer retransmissionTimer;
    private long retransmissionDeadline = NONE;

    // Receive side; offsets from the peer's ISS.
    private long irs;
    private long rcvNxt;
    private long peerFinSeq = NONE;
    private OutOfOrderRanges outOfOrder;
    private boolean ackNow;
    private int bytesSinceAck;
    private Timer delayedAckTimer;
    private long delayedAck;
    /** Acknowledging as Linux does ({@link #delayAcksLikeLinux}); else RFC 5681 §4.2 with the stack's delay. */
    private boolean linuxAcks;
    private boolean pingpong;
    /** When in-order data last arrived; NONE before the first. */
    private long lastDataAt = NONE;
    private boolean nagle;

    private long segmentsSent;
    private long retransmissions;
    private long retransmittedBytes;
    private long retransmissionTimeouts;
    private long fastRetransmissions;

    private TcpConnection(TcpStack stack, Scheduler scheduler, TcpConfig config, TransportAddress localAddress,
            TransportAddress remoteAddress, long iss, TlsHandshake tls, TcpListener listener, TcpAcceptor acceptor) {
        this.stack = stack;
        this.scheduler = scheduler;
        this.config = config;
        this.localAddress = localAddress;
        this.remoteAddress = remoteAddress;
        this.iss = iss;
        this.tls = tls;
        this.listener = listener;
        this.acceptor = acceptor;
        this.activeOpen = acceptor == null;
        this.rtt = new RttEstimator(config);
        this.peerWindow = config.window();
        this.delayedAck = config.delayedAck();
    }

    /** A connection opened by {@link TcpStack#connect}; call {@link #sendSyn()} next. */
    static TcpConnection opening(TcpStack stack, Scheduler scheduler, TcpConfig config, TransportAddress local,
            TransportAddress remote, long iss, TlsVersion tls, TcpListener listener) {
        TlsHandshake handshake = tls == TlsVersion.NONE ? null : TlsHandshake.client(tls);
        return new TcpConnection(stack, scheduler, config, local, remote, iss, handshake, listener, null);
    }

    /** A connection a peer opens to a listener; call {@link #answerSyn(TcpSegment)} next. */
    static TcpConnection accepting(TcpStack stack, Scheduler scheduler, TcpConfig config, TransportAddress local,
            TransportAddress remote, long iss, TlsVersion tls, TcpAcceptor acceptor) {
        TlsHandshake handshake = tls == TlsVersion.NONE ? null : TlsHandshake.server(tls);
        return new TcpConnection(stack, scheduler, config, local, remote, iss, handshake, null, acceptor);
    }

    // ---------------------------------------------------------------- application interface

    /**
     * Queues {@code message} for the peer. Before the connection is connected (handshakes still
     * running) the message is held and sent as soon as it is.
     *
     * @throws IllegalStateException once the connection was closed, aborted or ended
     */
    public void send(Payload message) {
        if (message == null) {
            throw new IllegalArgumentException("message must not be null");
        }
        if (message.size() <= 0) {
            throw new IllegalArgumentException("message size must be > 0 bytes, was " + message.size());
        }
        if (closeRequested || notified || state == TcpState.CLOSED) {
            throw new IllegalStateException("cannot send on " + this + ": it was closed");
        }
        if (!connected) {
            if (held == null) {
                held = new ArrayDeque<>();
            }
            held.add(message);
            return;
        }
        queue(message);
        flushOutput();
    }

    /**
     * Turns on Nagle's algorithm (RFC 896; RFC 1122 §4.2.3.4): a segment shorter than the MSS waits
     * while data sent earlier is unacknowledged, unless it carries the FIN (Linux tcp_nagle_test).
     * It is Linux's default for a socket without TCP_NODELAY; the stack's connections send at once
     * unless asked.
     */
    public void useNagle() {
        nagle = true;
    }

    /**
     * Acknowledges data as Linux does (net/ipv4/tcp_input.c, tcp_output.c): at once, unless the
     * connection is in interactive ("pingpong") mode, which it enters by sending data within the
     * delayed-ACK timeout after it last received data (tcp_event_data_sent), as a client does that
     * sends its next request right after a response; in that mode quick ACKs are off
     * (tcp_in_quickack_mode) and data is acknowledged after {@code delayNanos} (the delayed-ACK
     * timer, at least TCP_DELACK_MIN 40 ms; tcp_send_delayed_ack), or at once when more than one MSS
     * is unacknowledged (__tcp_ack_snd_check, "More than one full frame received"); the timer's
     * firing ends the mode (tcp_delack_timer_handler). Not modelled: the adaptive timeout (ato) and
     * the count of quick ACKs outside the mode.
     */
    public void delayAcksLikeLinux(long delayNanos) {
        if (delayNanos <= 0 || delayNanos >= millis(500)) {
            throw new IllegalArgumentException("delay must be in (0, 500 ms) (RFC 1122 §4.2.3.2), was " + delayNanos + " ns");
        }
        delayedAck = delayNanos;
        linuxAcks = true;
    }

    /**
     * Closes the connection: messages already sent still go out, then a FIN (RFC 793 CLOSE). The
     * listener's {@code onClosed(LOCAL_CLOSE)} runs at once and nothing is delivered afterwards;
     * the FIN exchange finishes in the background, and data the peer still sends is answered with
     * a reset, as Linux does for a closed socket (RFC 2525 §2.17). Messages held because the
     * connection was not yet connected are dropped. Closing twice, or after the end, does nothing.
     */
    public void close() {
        if (state == TcpState.CLOSED || closeRequested || notified) {
            return;
        }
        closeRequested = true;
        held = null;
        if (state == TcpState.SYN_SENT) {
            terminate(TcpCloseReason.LOCAL_CLOSE); // RFC 793: CLOSE in SYN-SENT deletes the connection
            return;
        }
        state = TcpState.FIN_WAIT_1;
        queueFin();
        flushOutput();
        notifyClosed(TcpCloseReason.LOCAL_CLOSE);
    }

    /**
     * Resets the connection (RFC 793 ABORT): a RST goes to the peer unless we are still in SYN-SENT,
     * queued data is dropped, and the listener hears {@code LOCAL_ABORT} unless it already heard
     * of the end. Also ends a connection that is finishing a {@link #close()} in the background.
     */
    public void abort() {
        if (state == TcpState.CLOSED) {
            return;
        }
        if (state != TcpState.SYN_SENT) {
            emit(sndNxt, FLAG_RST | FLAG_ACK, null, 0, 0);
        }
        terminate(TcpCloseReason.LOCAL_ABORT);
    }

    public TransportAddress localAddress() {
        return localAddress;
    }

    public TransportAddress remoteAddress() {
        return remoteAddress;
    }

    public TcpState state() {
        return state;
    }

    /** Whether the application may send and receive: connected, and not closed or ended. */
    public boolean isConnected() {
        return connected && !closeRequested && !notified && state != TcpState.CLOSED;
    }

    /** The TLS version in use (negotiated once the handshake got that far), or NONE. */
    public TlsVersion tls() {
        return tls == null ? TlsVersion.NONE : tls.version();
    }

    /** Segments this end sent, retransmissions and resets included. */
    public long segmentsSent() {
        return segmentsSent;
    }

    /** Segments sent again: after a timeout, on duplicate ACKs, on a partial ACK, or for a duplicate SYN. */
    public long retransmissions() {
        return retransmissions;
    }

    /** Data bytes carried by retransmitted segments. */
    public long retransmittedBytes() {
        return retransmittedBytes;
    }

    /** Times the retransmission timer expired. */
    public long retransmissionTimeouts() {
        return retransmissionTimeouts;
    }

    /** Retransmissions triggered by duplicate ACKs. */
    public long fastRetransmissions() {
        return fastRetransmissions;
    }

    /** Smoothed round-trip time in ns, or -1 before the first measurement. */
    public long smoothedRtt() {
        return rtt.smoothedRtt();
    }

    /** The retransmission timeout that the next timer would use, back-off included, in ns. */
    public long retransmissionTimeout() {
        return rtt.rto();
    }

    @Override
    public String toString() {
        return "TCP " + localAddress + " -> " + remoteAddress + " " + state;
    }

    // ---------------------------------------------------------------- opening

    void sendSyn() {
        state = TcpState.SYN_SENT;
        progressAt = scheduler.now();
        emit(0, FLAG_SYN, null, 0, 0);
        startNewTransmission(1);
    }

    void answerSyn(TcpSegment syn) {
        state = TcpState.SYN_RECEIVED;
        irs = syn.sequenceNumber();
        rcvNxt = 1;
        peerWindow = syn.window();
        progressAt = scheduler.now();
        emit(0, FLAG_SYN | FLAG_ACK, null, 0, 0);
        startNewTransmission(1);
    }

    /** Bookkeeping after sending sequence space up to {@code newSndNxt} for the first time. */
    private void startNewTransmission(long newSndNxt) {
        if (sndNxt == sndUna) {
            progressAt = scheduler.now();
        }
        sndNxt = newSndNxt;
        if (timedSeq == NONE) {
            timedSeq = sndNxt;
            timedAt = scheduler.now();
        }
        if (retransmissionDeadline == NONE) {
            restartRetransmissionTimer(); // RFC 6298 §5.1
        }
    }

    /** The three-way handshake is complete on this side. */
    private void establish() {
        state = TcpState.ESTABLISHED;
        rtt.handshakeCompletedWithoutSample();
        if (tls == null) {
            becomeConnected();
        } else if (activeOpen) {
            queueStream(tls.clientHello());
        }
    }

    private void becomeConnected() {
        if (!activeOpen) {
            TcpListener accepted = acceptor.accept(this);
            if (accepted == null) {
                throw new IllegalStateException("acceptor returned no listener for " + this);
            }
            if (closeRequested || state == TcpState.CLOSED) {
                notified = true; // closed or aborted inside accept: the application already knows
                return;
            }
            listener = accepted;
        }
        connected = true;
        if (held != null) {
            ArrayDeque<Payload> messages = held;
            held = null;
            for (Payload message : messages) {
                queue(message);
            }
        }
        if (!notified && state != TcpState.CLOSED) {
            listener.onConnected(this);
        }
    }

    // ---------------------------------------------------------------- segment arrival (RFC 793 §3.9)

    void onSegment(TcpSegment segment) {
        if (state == TcpState.SYN_SENT) {
            onSegmentInSynSent(segment);
            return;
        }
        long seq = relative(segment.sequenceNumber(), irs, rcvNxt);
        if (segment.has(FLAG_SYN) && !segment.has(FLAG_ACK) && state == TcpState.SYN_RECEIVED && seq == 0) {
            retransmitFirstUnacknowledged(); // the peer lost our SYN-ACK and sent its SYN again
            return;
        }
        int sequenceLength = segment.length() + (segment.has(FLAG_SYN) ? 1 : 0) + (segment.has(FLAG_FIN) ? 1 : 0);
        if (!acceptable(seq, sequenceLength)) {
            if (!segment.has(FLAG_RST)) {
                ackNow = true;
                sendAckIfOwed();
            }
            return;
        }
        if (segment.has(FLAG_RST)) {
            terminate(TcpCloseReason.RESET);
            return;
        }
        if (segment.has(FLAG_SYN)) {
            ackNow = true; // a SYN inside the window gets a challenge ACK (RFC 5961 §4.2)
            sendAckIfOwed();
            return;
        }
        if (!segment.has(FLAG_ACK)) {
            return;
        }
        long ack = relative(segment.acknowledgementNumber(), iss, sndUna);
        if (state == TcpState.SYN_RECEIVED && ack != 1) {
            stack.resetInReplyTo(localAddress, remoteAddress, segment);
            return;
        }
        if (ack > sndNxt) {
            ackNow = true; // acknowledges something never sent
            sendAckIfOwed();
            return;
        }
        boolean windowChanged = segment.window() != peerWindow;
        peerWindow = segment.window();
        if (ack > sndUna) {
            acknowledged(ack);
        } else if (ack == sndUna && sequenceLength == 0 && sndNxt > sndUna && !windowChanged) {
            duplicateAck();
        }
        if (state == TcpState.SYN_RECEIVED) {
            establish();
        }
        if (segment.length() > 0 && state != TcpState.CLOSED) {
            receiveData(segment, seq);
        }
        if (segment.has(FLAG_FIN) && state != TcpState.CLOSED && peerFinSeq == NONE) {
            peerFinSeq = seq + segment.length();
            ackNow = true;
        }
        consumeFinIfReached();
        flushOutput();
        sendAckIfOwed();
    }

    private void onSegmentInSynSent(TcpSegment segment) {
        boolean acksOurSyn = false;
        if (segment.has(FLAG_ACK)) {
            if (segment.acknowledgementNumber() != wire(iss, 1)) {
                stack.resetInReplyTo(localAddress, remoteAddress, segment);
                return;
            }
            acksOurSyn = true;
        }
        if (segment.has(FLAG_RST)) {
            if (acksOurSyn) {
                terminate(TcpCloseReason.REFUSED);
            }
            return;
        }
        if (!segment.has(FLAG_SYN) || !acksOurSyn) {
            return; // a bare SYN would be a simultaneous open, which is not modelled
        }
        irs = segment.sequenceNumber();
        rcvNxt = 1;
        peerWindow = segment.window();
        ackNow = true;
        acknowledged(1);
        establish();
        flushOutput();
        sendAckIfOwed();
    }

    /** RFC 793 §3.3 acceptability: does the segment overlap the receive window? */
    private boolean acceptable(long seq, int sequenceLength) {
        long windowEnd = rcvNxt + config.window();
        if (sequenceLength == 0) {
            return seq >= rcvNxt && seq < windowEnd;
        }
        return seq < windowEnd && seq + sequenceLength > rcvNxt;
    }

    // ---------------------------------------------------------------- acknowledgements

    private void acknowledged(long ack) {
        long now = scheduler.now();
        if (timedSeq != NONE && ack >= timedSeq) {
            rtt.addSample(now - timedAt);
            timedSeq = NONE;
        }
        sndUna = ack;
        consecutiveTimeouts = 0;
        duplicateAcks = 0;
        progressAt = now;
        sendBuffer.acknowledgedUpTo(ack - 1);
        if (inRecovery) {
            if (ack >= recoverSeq) {
                inRecovery = false;
            } else {
                retransmitFirstUnacknowledged(); // partial ACK: the next hole
            }
        }
        if (sndUna == sndNxt) {
            stopRetransmissionTimer();   // RFC 6298 §5.2
        } else {
            restartRetransmissionTimer(); // §5.3
        }
        if (finSeq != NONE && sndUna > finSeq) {
            ourFinAcknowledged();
        }
    }

    private void duplicateAck() {
        duplicateAcks++;
        if (duplicateAcks == config.duplicateAckThreshold() && !inRecovery) {
            inRecovery = true;
            recoverSeq = sndNxt;
            fastRetransmissions++;
            retransmitFirstUnacknowledged();
        }
    }

    private void ourFinAcknowledged() {
        switch (state) {
            case FIN_WAIT_1 -> {
                state = TcpState.FIN_WAIT_2;
                setRetransmissionTimer(scheduler.now() + config.finTimeout());
            }
            case CLOSING, LAST_ACK -> terminate(null);
            default -> {
            }
        }
    }

    // ---------------------------------------------------------------- receiving data

    private void receiveData(TcpSegment segment, long seq) {
        long end = seq + segment.length();
        if (end <= rcvNxt) {
            ackNow = true; // a duplicate: say again what we have
            return;
        }
        if (closeRequested) {
            emit(sndNxt, FLAG_RST | FLAG_ACK, null, 0, 0);
            terminate(null);
            return;
        }
        if (state != TcpState.ESTABLISHED && state != TcpState.FIN_WAIT_1 && state != TcpState.FIN_WAIT_2) {
            return; // past the peer's FIN nothing new can come
        }
        if (seq > rcvNxt) {
            if (outOfOrder == null) {
                outOfOrder = new OutOfOrderRanges();
            }
            outOfOrder.add(seq, end);
            ackNow = true; // RFC 5681 §4.2: an out-of-order segment is acknowledged at once
            return;
        }
        long before = rcvNxt;
        rcvNxt = end;
        if (outOfOrder != null && !outOfOrder.isEmpty()) {
            rcvNxt = outOfOrder.advance(rcvNxt);
            ackNow = true; // a segment that fills a hole is acknowledged at once
        }
        noteInOrderData((int) (rcvNxt - before));
        deliver(segment.firstMessage(), before - 1, rcvNxt - 1);
    }

    /** Hands over each message whose last byte lies in stream offsets {@code [from, to)}. */
    private void deliver(StreamMessage first, long from, long to) {
        StreamMessage message = first;
        while (message.end() <= from) {
            message = message.next();
        }
        while (message != null && message.end() <= to) {
            consume(message.payload());
            if (notified || state == TcpState.CLOSED) {
                return;
            }
            message = message.next();
        }
    }

    private void consume(Payload payload) {
        if (tls == null) {
            listener.onMessage(this, payload);
        } else if (!tls.done()) {
            TlsFlight reply = tls.onReceived(payload);
            if (tls.failed()) {
                emit(sndNxt, FLAG_RST | FLAG_ACK, null, 0, 0);
                terminate(TcpCloseReason.TLS_FAILED);
                return;
            }
            if (reply != null) {
                queueStream(reply);
            }
            if (tls.done()) {
                becomeConnected();
            }
        } else if (payload instanceof TlsApplicationData data) {
            listener.onMessage(this, data.message());
        }
    }

    private void noteInOrderData(int bytes) {
        lastDataAt = scheduler.now();
        if (delayedAck == 0 || (linuxAcks && !pingpong)) {
            ackNow = true;
            return;
        }
        bytesSinceAck += bytes;
        if (bytesSinceAck >= (linuxAcks ? config.mss() + 1 : 2 * config.mss())) {
            ackNow = true; // RFC 5681 §4.2: at least every second full-sized segment (Linux: past one)
        } else if (delayedAckTimer == null) {
            delayedAckTimer = scheduler.schedule(delayedAck, onDelayedAckTimer);
        }
    }

    private void consumeFinIfReached() {
        if (peerFinSeq == NONE || rcvNxt != peerFinSeq || state == TcpState.CLOSED) {
            return;
        }
        rcvNxt++;
        ackNow = true;
        switch (state) {
            case ESTABLISHED -> {
                state = TcpState.LAST_ACK; // CLOSE-WAIT, then our own close at once
                queueFin();
                notifyClosed(TcpCloseReason.CLOSED_BY_PEER);
            }
            case FIN_WAIT_1 -> state = TcpState.CLOSING;
            case FIN_WAIT_2 -> {
                sendAckIfOwed();
                terminate(null);
            }
            default -> {
            }
        }
    }

    // ---------------------------------------------------------------- sending

    private void queue(Payload message) {
        queueStream(tls == null ? message : new TlsApplicationData(tls.version(), message));
    }

    private void queueStream(Payload payload) {
        sendBuffer.append(payload);
    }

    private void queueFin() {
        finSeq = 1 + sendBuffer.end();
        held = null;
    }

    /** Sends what the window allows of the queued data, then the FIN once all data is out. */
    private void flushOutput() {
        if (state == TcpState.CLOSED || state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED) {
            return;
        }
        long dataEnd = 1 + sendBuffer.end();
        while (true) {
            if (sndNxt < dataEnd) {
                long room = sndUna + peerWindow - sndNxt;
                if (room <= 0) {
                    return;
                }
                int length = (int) Math.min(Math.min(config.mss(), dataEnd - sndNxt), room);
                boolean last = sndNxt + length == dataEnd;
                boolean fin = last && finSeq != NONE;
                if (nagle && length < config.mss() && sndNxt > sndUna && !fin) {
                    return; // Nagle: the short segment waits for the ACK of what is in flight
                }
                if (linuxAcks && lastDataAt != NONE && scheduler.now() - lastDataAt < delayedAck) {
                    pingpong = true; // a reply within the ACK timeout of what came in (tcp_event_data_sent)
                }
                StreamMessage first = sendBuffer.unsentAt(sndNxt - 1);
                emit(sndNxt, FLAG_ACK | (last ? FLAG_PSH : 0) | (fin ? FLAG_FIN : 0),
                        first, (int) (sndNxt - 1 - first.offset()), length);
                startNewTransmission(sndNxt + length + (fin ? 1 : 0));
            } else if (sndNxt == finSeq) {
                emit(sndNxt, FLAG_ACK | FLAG_FIN, null, 0, 0);
                startNewTransmission(sndNxt + 1);
            } else {
                return;
            }
        }
    }

    /** RFC 6298 §5.4: sends the earliest unacknowledged segment again. */
    private void retransmitFirstUnacknowledged() {
        retransmissions++;
        timedSeq = NONE; // Karn: a retransmitted segment gives no RTT sample
        if (sndUna == 0) {
            emit(0, activeOpen ? FLAG_SYN : FLAG_SYN | FLAG_ACK, null, 0, 0);
            return;
        }
        long sentDataEnd = Math.min(sndNxt, 1 + sendBuffer.end());
        if (sndUna < sentDataEnd) {
            int length = (int) Math.min(config.mss(), sentDataEnd - sndUna);
            boolean fin = finSeq != NONE && sndNxt > finSeq && sndUna + length == finSeq;
            StreamMessage first = sendBuffer.head();
            emit(sndUna, FLAG_ACK | (fin ? FLAG_FIN : 0), first, (int) (sndUna - 1 - first.offset()), length);
            retransmittedBytes += length;
        } else {
            emit(finSeq, FLAG_ACK | FLAG_FIN, null, 0, 0);
        }
    }

    private void sendAckIfOwed() {
        if (ackNow && state != TcpState.CLOSED) {
            emit(sndNxt, FLAG_ACK, null, 0, 0);
        }
    }

    private void emit(long seq, int flags, StreamMessage first, int offset, int length) {
        long ackWire = 0;
        if ((flags & FLAG_ACK) != 0) {
            ackWire = wire(irs, rcvNxt);
            ackNow = false;
            bytesSinceAck = 0;
            cancelDelayedAck();
        }
        segmentsSent++;
        stack.transmit(localAddress, remoteAddress,
                new TcpSegment(wire(iss, seq), ackWire, flags, config.window(), first, offset, length));
    }

    // ---------------------------------------------------------------- timers

    private void restartRetransmissionTimer() {
        long now = scheduler.now();
        long deadline = now + rtt.rto();
        if (config.userTimeout() > 0) {
            // Like Linux, never let the timer overshoot the user timeout.
            deadline = Math.min(deadline, Math.max(now, progressAt + config.userTimeout()));
        }
        setRetransmissionTimer(deadline);
    }

    /**
     * Arms the timer for {@code deadline}. A pending timer that fires earlier is kept and re-arms
     * itself when it fires, so restarting the timer on every ACK costs no new event.
     */
    private void setRetransmissionTimer(long deadline) {
        retransmissionDeadline = deadline;
        if (retransmissionTimer != null) {
            if (retransmissionTimer.time() <= deadline) {
                return;
            }
            retransmissionTimer.cancel();
        }
        retransmissionTimer = scheduler.scheduleAt(deadline, onRetransmissionTimer);
    }

    private void stopRetransmissionTimer() {
        retransmissionDeadline = NONE;
        if (retransmissionTimer != null) {
            retransmissionTimer.cancel();
            retransmissionTimer = null;
        }
    }

    private void retransmissionTimerFired() {
        retransmissionTimer = null;
        long now = scheduler.now();
        if (now < retransmissionDeadline) {
            retransmissionTimer = scheduler.scheduleAt(retransmissionDeadline, onRetransmissionTimer);
            return;
        }
        retransmissionDeadline = NONE;
        if (state == TcpState.FIN_WAIT_2) {
            terminate(null); // the peer never sent its FIN
            return;
        }
        if (retriesExhausted(now)) {
            terminate(TcpCloseReason.TIMED_OUT);
            return;
        }
        consecutiveTimeouts++;
        retransmissionTimeouts++;
        rtt.backOff();                 // RFC 6298 §5.5
        inRecovery = true;
        recoverSeq = sndNxt;
        duplicateAcks = 0;
        retransmitFirstUnacknowledged(); // §5.4
        restartRetransmissionTimer();  // §5.6
    }

    private boolean retriesExhausted(long now) {
        if (config.userTimeout() > 0) {
            return now - progressAt >= config.userTimeout();
        }
        int limit = switch (state) {
            case SYN_SENT -> config.synRetries();
            case SYN_RECEIVED -> config.synAckRetries();
            default -> config.dataRetries();
        };
        return consecutiveTimeouts >= limit;
    }

    private void delayedAckTimerFired() {
        delayedAckTimer = null;
        pingpong = false; // "Delayed ACK missed: leave pingpong mode" (tcp_delack_timer_handler)
        ackNow = true;
        sendAckIfOwed();
    }

    private void cancelDelayedAck() {
        if (delayedAckTimer != null) {
            delayedAckTimer.cancel();
            delayedAckTimer = null;
        }
    }

    // ---------------------------------------------------------------- ending

    private void terminate(TcpCloseReason reason) {
        if (state == TcpState.CLOSED) {
            return;
        }
        discard();
        stack.forget(this);
        if (reason != null) {
            notifyClosed(reason);
        }
    }

    /** Ends the connection without a word to anyone: the stack is going away. */
    void discard() {
        state = TcpState.CLOSED;
        stopRetransmissionTimer();
        cancelDelayedAck();
    }

    private void notifyClosed(TcpCloseReason reason) {
        if (notified || listener == null) {
            return;
        }
        notified = true;
        held = null;
        listener.onClosed(this, reason);
    }

    // ---------------------------------------------------------------- sequence numbers

    private static long wire(long initial, long offset) {
        return (initial + offset) & SEQUENCE_MASK;
    }

    /** The offset of wire value {@code value}, taken as the one nearest to the known offset {@code near}. */
    private static long relative(long value, long initial, long near) {
        return near + (int) (value - wire(initial, near));
    }
}
