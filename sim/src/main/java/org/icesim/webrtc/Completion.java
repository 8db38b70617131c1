package org.icesim.webrtc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The result of an asynchronous peer-connection operation: a small, single-threaded stand-in for
 * the W3C API's promises. It settles once, either fulfilled with a value or rejected with a
 * {@link DomException}.
 *
 * <p>Callbacks run synchronously when the completion settles, in the order they were registered;
 * a callback registered after settlement runs at once. This mirrors the order in which promise
 * reactions run, with the simulated clock standing still, so the behaviour stays deterministic.
 * A completion that never settles is possible: W3C operations still pending when the connection
 * closes are abandoned ("if [[IsClosed]] is true, abort these steps").
 *
 * @param <T> the value type ({@link Void} for operations without a value)
 */
public final class Completion<T> {

    private boolean settled;
    private T value;
    private DomException error;
    private List<BiConsumer<? super T, ? super DomException>> callbacks;

    Completion() {
    }

    /** A completion already fulfilled with {@code value}. */
    public static <T> Completion<T> fulfilled(T value) {
        Completion<T> completion = new Completion<>();
        completion.fulfill(value);
        return completion;
    }

    /** A completion already rejected with {@code error}. */
    public static <T> Completion<T> rejected(DomException error) {
        Completion<T> completion = new Completion<>();
        completion.reject(error);
        return completion;
    }

    public boolean isDone() {
        return settled;
    }

    public boolean isFulfilled() {
        return settled && error == null;
    }

    public boolean isRejected() {
        return error != null;
    }

    /** The value of a fulfilled completion. */
    public T value() {
        if (!isFulfilled()) {
            throw new IllegalStateException("completion is not fulfilled (" + describe() + ")");
        }
        return value;
    }

    /** The error of a rejected completion. */
    public DomException error() {
        if (!isRejected()) {
            throw new IllegalStateException("completion is not rejected (" + describe() + ")");
        }
        return error;
    }

    /** Runs {@code callback} with (value, null) on fulfilment or (null, error) on rejection. */
    public Completion<T> whenComplete(BiConsumer<? super T, ? super DomException> callback) {
        if (settled) {
            callback.accept(value, error);
        } else {
            if (callbacks == null) {
                callbacks = new ArrayList<>(2);
            }
            callbacks.add(callback);
        }
        return this;
    }

    /** Runs {@code callback} with the value on fulfilment. */
    public Completion<T> onSuccess(Consumer<? super T> callback) {
        return whenComplete((v, e) -> {
            if (e == null) {
                callback.accept(v);
            }
        });
    }

    /** Runs {@code callback} with the error on rejection. */
    public Completion<T> onFailure(Consumer<? super DomException> callback) {
        return whenComplete((v, e) -> {
            if (e != null) {
                callback.accept(e);
            }
        });
    }

    /**
     * A completion that, once this one is fulfilled, follows the one {@code next} returns; a
     * rejection passes straight through (a promise reaction with only a fulfilment step).
     */
    public <U> Completion<U> thenCompose(Function<? super T, Completion<U>> next) {
        Completion<U> result = new Completion<>();
        whenComplete((v, e) -> {
            if (e != null) {
                result.reject(e);
            } else {
                next.apply(v).whenComplete((u, e2) -> {
                    if (e2 != null) {
                        result.reject(e2);
                    } else {
                        result.fulfill(u);
                    }
                });
            }
        });
        return result;
    }

    void fulfill(T fulfilledValue) {
        settle(fulfilledValue, null);
    }

    void reject(DomException rejection) {
        if (rejection == null) {
            throw new IllegalArgumentException("rejection error must not be null");
        }
        settle(null, rejection);
    }

    private void settle(T settledValue, DomException rejection) {
        if (settled) {
            throw new IllegalStateException("completion settled twice (" + describe() + ")");
        }
        settled = true;
        value = settledValue;
        error = rejection;
        List<BiConsumer<? super T, ? super DomException>> toRun = callbacks;
        callbacks = null;
        if (toRun != null) {
            for (BiConsumer<? super T, ? super DomException> callback : toRun) {
                callback.accept(value, error);
            }
        }
    }

    private String describe() {
        if (!settled) {
            return "pending";
        }
        return error == null ? "fulfilled with " + value : "rejected with " + error.getMessage();
    }
}
