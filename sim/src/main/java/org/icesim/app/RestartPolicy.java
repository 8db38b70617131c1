package org.icesim.app;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the application calls {@code restartIce()} on its own. These are the policies real
 * applications use (ice-reference.md §9): never; when the watched state reports failed; when its
 * disconnected lasts longer than a grace period; or as soon as the operating system reports a
 * network change.
 */
public sealed interface RestartPolicy {

    String ALLOWED = "never, on-failed, on-failed(ice|connection), on-disconnected(<duration>[, ice|connection])"
            + " e.g. on-disconnected(2s), on-network-change";

    /**
     * Which of the page's two states a policy watches. They differ where the browser shows a
     * failed ICE transport only in connectionState: Chromium's iceConnectionState never becomes
     * failed ({@link org.icesim.ice.IceProfile#pageSeesIceFailed()}), so an application that
     * waits for it there never restarts.
     */
    enum Watch {
        /** {@code iceConnectionState} (the default: what {@code on-failed} has always watched). */
        ICE("ice"),
        /** {@code connectionState}. */
        CONNECTION("connection");

        private final String spelling;

        Watch(String spelling) {
            this.spelling = spelling;
        }

        /** The scenario and testbed spelling: {@code ice} or {@code connection}. */
        public String spelling() {
            return spelling;
        }

        static Watch parse(String text, String policy) {
            for (Watch watch : values()) {
                if (watch.spelling.equals(text.trim())) {
                    return watch;
                }
            }
            throw new IllegalArgumentException("'" + policy + "' watches '" + text.trim() + "': allowed ice or connection");
        }
    }

    /** The application never restarts ICE by itself (timeline restart-ice actions still do). */
    record Never() implements RestartPolicy {
        @Override
        public String toString() {
            return "never";
        }
    }

    /** restartIce() each time the watched state becomes failed. */
    record OnFailed(Watch watch) implements RestartPolicy {
        public OnFailed {
            if (watch == null) {
                throw new IllegalArgumentException("on-failed needs the state it watches");
            }
        }

        /** Watching iceConnectionState. */
        public OnFailed() {
            this(Watch.ICE);
        }

        @Override
        public String toString() {
            return watch == Watch.ICE ? "on-failed" : "on-failed(" + watch.spelling() + ")";
        }
    }

    /**
     * restartIce() when the watched state has stayed disconnected (or gone on to failed) for
     * {@code afterNanos}; failed before that restarts at once.
     */
    record OnDisconnected(long afterNanos, Watch watch) implements RestartPolicy {
        public OnDisconnected {
            if (afterNanos < 0) {
                throw new IllegalArgumentException("on-disconnected delay must be >= 0, was " + afterNanos + " ns");
            }
            if (watch == null) {
                throw new IllegalArgumentException("on-disconnected needs the state it watches");
            }
        }

        /** Watching iceConnectionState. */
        public OnDisconnected(long afterNanos) {
            this(afterNanos, Watch.ICE);
        }

        @Override
        public String toString() {
            String after = org.icesim.metrics.RunResult.millisText(afterNanos) + "ms";
            return "on-disconnected(" + after + (watch == Watch.ICE ? "" : ", " + watch.spelling()) + ")";
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
        Matcher failed = Pattern.compile("on-failed\\((.*)\\)").matcher(t);
        if (failed.matches()) {
            return new OnFailed(Watch.parse(failed.group(1), t));
        }
        Matcher disconnected = Pattern.compile("on-disconnected\\(([^,]*)(?:,(.*))?\\)").matcher(t);
        if (disconnected.matches()) {
            long after = durationParser.applyAsLong(disconnected.group(1).trim());
            return disconnected.group(2) == null ? new OnDisconnected(after)
                    : new OnDisconnected(after, Watch.parse(disconnected.group(2), t));
        }
        throw new IllegalArgumentException("'" + text + "' is not a restart policy: allowed " + ALLOWED);
    }
}
