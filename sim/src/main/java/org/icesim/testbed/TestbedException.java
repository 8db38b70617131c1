package org.icesim.testbed;

/** The testbed cannot run (missing root or tools, a command of the set-up failed, a peer broke); the message says why. */
public final class TestbedException extends Exception {
    private static final long serialVersionUID = 1L;

    public TestbedException(String message) {
        super(message);
    }

    public TestbedException(String message, Throwable cause) {
        super(message, cause);
    }
}
