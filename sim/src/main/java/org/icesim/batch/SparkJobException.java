package org.icesim.batch;

/**
 * The Spark job of a batch failed: a task failed on every attempt Spark allows, the cluster went
 * away, or a task could not be shipped. The runs recorded before are kept, for a resume.
 */
public final class SparkJobException extends Exception {

    private static final long serialVersionUID = 1L;

    public SparkJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
