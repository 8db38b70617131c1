package org.icesim.batch;

/**
 * A batch cannot start or go on for a reason the user can fix: conflicting arguments, a results
 * directory that holds another batch, shards that do not belong together. The message says what
 * and how.
 */
public final class BatchException extends Exception {

    private static final long serialVersionUID = 1L;

    public BatchException(String message) {
        super(message);
    }
}
