package org.icesim.stun;

import java.util.function.Consumer;
import org.icesim.kernel.Timer;
import org.icesim.net.TransportAddress;

/**
 * One client transaction: a request, its retransmissions and the single outcome reported for it.
 * Created by {@link StunClientTransactions#send}; this handle lets the caller watch or end it.
 */
public final class StunTransaction {

    private final StunClientTransactions owner;
    private final StunMessage request;
    private final TransportAddress destination;
    private final long rtoNanos;
    private final Consumer<StunOutcome> handler;
    private final long startedAt;
    private final long deadline;
    private int transmissions;
    private long lastSentAt;
    private long completedAt = -1;
    private boolean retransmitting;
    private Timer timer;

    StunTransaction(StunClientTransactions owner, StunMessage request, TransportAddress destination, long rtoNanos,
            Consumer<StunOutcome> handler, long startedAt, long deadline, boolean retransmitting) {
        this.owner = owner;
        this.request = request;
        this.destination = destination;
        this.rtoNanos = rtoNanos;
        this.handler = handler;
        this.startedAt = startedAt;
        this.deadline = deadline;
        this.retransmitting = retransmitting;
    }

    public StunMessage request() {
        return request;
    }

    public TransportAddress destination() {
        return destination;
    }

    /** The first retransmission timeout this transaction was started with (unused over reliable transports). */
    public long rtoNanos() {
        return rtoNanos;
    }

    /** How many times the request has been sent, the first time included. */
    public int transmissions() {
        return transmissions;
    }

    public long firstSentAt() {
        return startedAt;
    }

    public long lastSentAt() {
        return lastSentAt;
    }

    /** When the transaction times out if no response comes. */
    public long deadline() {
        return deadline;
    }

    /** Whether the outcome has been reported or the transaction was cancelled. */
    public boolean isDone() {
        return completedAt >= 0;
    }

    /** When the outcome was reported or the transaction cancelled; -1 while it is running. */
    public long completedAt() {
        return completedAt;
    }

    /**
     * Forgets the transaction: no more retransmissions, no outcome, a late response is ignored.
     * Returns whether it was still running.
     */
    public boolean cancel() {
        if (isDone()) {
            return false;
        }
        finish();
        return true;
    }

    /**
     * Sends no more retransmissions but keeps waiting, until the deadline the transaction had from
     * the start, for a response; a timeout is still reported at the deadline. This is how an ICE
     * agent treats an in-progress check when a triggered check replaces it (RFC 8445 §7.3.1.4).
     */
    public void stopRetransmissions() {
        if (isDone() || !retransmitting) {
            return;
        }
        retransmitting = false;
        timer.cancel();
        timer = owner.scheduler().scheduleAt(deadline, this::onTimer);
    }

    @Override
    public String toString() {
        return request.method() + " " + request.transactionId() + " to " + destination + " (" + transmissions + " sent"
                + (isDone() ? ", done" : "") + ")";
    }

    void transmit() {
        transmissions++;
        lastSentAt = owner.scheduler().now();
        owner.sender().send(destination, request);
        if (isDone()) {
            return; // a sender wired straight to a responder answered before send() returned
        }
        if (retransmitting) {
            long wait = owner.config().waitAfter(transmissions - 1, rtoNanos);
            long next = transmissions < owner.config().maxRequests() ? lastSentAt + wait : deadline;
            timer = owner.scheduler().scheduleAt(Math.min(next, deadline), this::onTimer);
        } else {
            timer = owner.scheduler().scheduleAt(deadline, this::onTimer);
        }
    }

    void complete(StunOutcome outcome) {
        finish();
        handler.accept(outcome);
    }

    private void onTimer() {
        if (retransmitting && transmissions < owner.config().maxRequests() && owner.scheduler().now() < deadline) {
            transmit();
        } else {
            complete(new StunOutcome.Timeout(this));
        }
    }

    private void finish() {
        completedAt = owner.scheduler().now();
        if (timer != null) {
            timer.cancel();
        }
        owner.forget(this);
    }
}
