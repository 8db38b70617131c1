package org.icesim.stun;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.icesim.kernel.Scheduler;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunAttribute.ErrorCode;

/**
 * The client side of STUN transactions (RFC 8489 §6.2), with no network of its own: requests go
 * out through a {@link StunSender}, responses come in through {@link #onResponse}, timers run on a
 * {@link Scheduler}. Every outcome is reported once, at the simulated instant it happens.
 *
 * <p>Over an {@link Delivery#UNRELIABLE} transport a request is retransmitted on the schedule of
 * the {@link StunTransactionConfig}; over a {@link Delivery#RELIABLE} one (TCP, TLS) it is sent
 * once and times out after Ti (RFC 8489 §6.2.2). A response is matched to its request by
 * transaction ID and method (RFC 8489 §6.3.3); a response for no running transaction is ignored.
 */
public final class StunClientTransactions {

    /** Whether the transport below may lose requests (UDP) or delivers them reliably (TCP, TLS). */
    public enum Delivery {
        UNRELIABLE,
        RELIABLE
    }

    private final Scheduler scheduler;
    private final StunTransactionConfig config;
    private final Delivery delivery;
    private final StunSender sender;
    /** Running transactions by ID; insertion-ordered so that {@link #cancelAll} is deterministic. */
    private final Map<TransactionId, StunTransaction> running = new LinkedHashMap<>();

    public StunClientTransactions(Scheduler scheduler, StunTransactionConfig config, Delivery delivery, StunSender sender) {
        if (scheduler == null || config == null || delivery == null || sender == null) {
            throw new IllegalArgumentException("scheduler, config, delivery and sender must not be null, were "
                    + scheduler + ", " + config + ", " + delivery + ", " + sender);
        }
        this.scheduler = scheduler;
        this.config = config;
        this.delivery = delivery;
        this.sender = sender;
    }

    /** Sends {@code request} to {@code destination} with the configured initial RTO. */
    public StunTransaction send(TransportAddress destination, StunMessage request, Consumer<StunOutcome> handler) {
        return send(destination, request, config.initialRtoNanos(), handler);
    }

    /**
     * Sends {@code request} to {@code destination} with its own first retransmission timeout, as
     * an ICE agent does with the RTO it computes (RFC 8445 §14.3). The request leaves at once.
     */
    public StunTransaction send(TransportAddress destination, StunMessage request, long rtoNanos,
            Consumer<StunOutcome> handler) {
        if (destination == null || request == null || handler == null) {
            throw new IllegalArgumentException("destination, request and handler must not be null, were "
                    + destination + ", " + request + ", " + handler);
        }
        if (request.stunClass() != StunClass.REQUEST) {
            throw new IllegalArgumentException("only a request starts a transaction, was a " + request.stunClass());
        }
        if (rtoNanos <= 0) {
            throw new IllegalArgumentException("RTO must be > 0 ns, was " + rtoNanos + " ns");
        }
        if (running.containsKey(request.transactionId())) {
            throw new IllegalStateException("a transaction with ID " + request.transactionId() + " is already running");
        }
        long now = scheduler.now();
        boolean reliable = delivery == Delivery.RELIABLE;
        long duration = reliable ? config.reliableTimeoutNanos() : config.unreliableTimeoutNanos(rtoNanos);
        long deadline = duration > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + duration;
        StunTransaction transaction = new StunTransaction(this, request, destination, rtoNanos, handler, now, deadline,
                !reliable);
        running.put(request.transactionId(), transaction);
        transaction.transmit();
        return transaction;
    }

    /**
     * Hands a received message to its transaction. Returns whether it was the response of a running
     * transaction (which then reports its outcome before this returns).
     */
    public boolean onResponse(TransportAddress from, StunMessage message) {
        if (!message.stunClass().isResponse()) {
            return false;
        }
        StunTransaction transaction = running.get(message.transactionId());
        if (transaction == null || transaction.request().method() != message.method()) {
            return false;
        }
        if (message.stunClass() == StunClass.SUCCESS_RESPONSE) {
            transaction.complete(new StunOutcome.Success(transaction, message, from));
        } else {
            ErrorCode error = message.attribute(ErrorCode.class).orElse(ErrorCode.SERVER_ERROR);
            transaction.complete(new StunOutcome.ErrorResponse(transaction, message, from, error));
        }
        return true;
    }

    /** Whether a transaction with this ID is running. */
    public boolean isRunning(TransactionId id) {
        return running.containsKey(id);
    }

    /** Transactions still waiting for an outcome. */
    public int runningCount() {
        return running.size();
    }

    /** Cancels every running transaction (no outcomes are reported), in the order they started. */
    public void cancelAll() {
        List<StunTransaction> all = new ArrayList<>(running.values());
        for (StunTransaction transaction : all) {
            transaction.cancel();
        }
    }

    public StunTransactionConfig config() {
        return config;
    }

    public Delivery delivery() {
        return delivery;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    StunSender sender() {
        return sender;
    }

    void forget(StunTransaction transaction) {
        running.remove(transaction.request().transactionId(), transaction);
    }
}
