package org.icesim.app;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the application calls {@code restartIce()} on its own. These are the policies real
 * applications use (ice-reference.md §9): never; when ICE reports failed; when disconnected lasts
 * longer than a grace period; or as soon as the operating system reports a network change.
 */
public sealed interface RestartPolicy {

    String ALLOWED = "never, on-failed, on-disconnected(<duration>) e.g. on-disconnected(2s), on-network-change";

    /** The application never restarts ICE by itself (timeline restart-ice actions still do). */
    record Never() implements RestartPolicy {
        @Override
        public String toString() {
            return "never";
        }
    }

    /** restartIce() each time iceConnectionState becomes failed. */
    record OnFailed() implements RestartPolicy {
        @Override
        public String toString() {
            return "on-failed";
        }
    }

    /**
     * restartIce() when iceConnectionState has stayed disconnected (or gone on to failed) for
     * {@code afterNanos}; failed before that restarts at once.
     */
    record OnDisconnected(long afterNanos) implements RestartPolicy {
        public OnDisconnected {
            if (afterNanos < 0) {
                throw new IllegalArgumentException("on-disconnected delay must be >= 0, was " + afterNanos + " ns");
            }
        }

        @Override
        public String toString() {
            return "on-disconnected(" + org.icesim.metrics.RunResult.millisText(afterNanos) + "ms)";
        }
    }

    /** restartIce() when the operating system announces that a network interface of the peer appeared or vanished. */
    record OnNetworkChange() implements RestartPolicy {
        @Override
        public String toString() {
            return "on-network-change";
        }
    }

    /**
     * Parses the scenario spelling. {@code durationParser} turns "2s" into nanoseconds (the
     * scenario layer's unit parser), so this model package does not depend on it.
     */
    static RestartPolicy parse(String text, java.util.function.ToLongFunction<String> durationParser) {
        String t = text.trim();
        switch (t) {
            case "never":
                return new Never();
            case "on-failed":
                return new OnFailed();
            case "on-network-change":
                return new OnNetworkChange();
            default:
                break;
        }
        Matcher m = Pattern.compile("on-disconnected\\((.*)\\)").matcher(t);
        if (m.matches()) {
            return new OnDisconnected(durationParser.applyAsLong(m.group(1).trim()));
        }
        throw new IllegalArgumentException("'" + text + "' is not a restart policy: allowed " + ALLOWED);
    }
}
