package org.icesim.fidelity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A real WebRTC stack the testbed measures, with the simulator profile named after it. */
public enum RealStack {
    /** Desktop Chromium: libwebrtc. */
    CHROMIUM("libwebrtc", Map.of()),
    /** Firefox ESR: nICEr. */
    /**
     * Firefox ESR: nICEr. Its HTTP connections stay on a removed interface and fail by timeout: on
     * the testbed the page's requests after the handover waited for theirs (handover-on-disconnected,
     * the offer at the callee 18.5 s into the run, docs/fidelity.md).
     */
    FIREFOX("firefox", Map.of("servers.signaling.network-change", "keep")),
    /**
     * pion/webrtc and pion/ice. Its testbed program's long-poll abandons a {@code GET /recv} only
     * 20 s after sending it, where the page waits the request timeout, 10 s: signaling.go,
     * newSignalingClient, {@code recvHTTP: &http.Client{Timeout: serverHold + timeout}} with
     * {@code serverHold} 10 s, as the baseline pion-3.1.56 was measured.
     */
    PION("pion", Map.of("servers.signaling.poll-timeout", "20s"));

    private final String profile;
    private final Map<String, String> application;

    RealStack(String profile, Map<String, String> application) {
        this.profile = profile;
        this.application = application;
    }

    /**
     * Where the stack's testbed application differs from what the suite's files leave to it:
     * scenario keys and values that {@code icesim fidelity} sets for this stack. The testbed runs
     * the files unchanged, and its clients do these things on their own (the pion program's poll
     * timeout when the scenario names none, Firefox's connections after a network change).
     */
    public Map<String, String> application() {
        return application;
    }

    /** The stack a simulator profile stands for. */
    public static RealStack withProfile(String profile) {
        for (RealStack stack : values()) {
            if (stack.profile.equals(profile)) {
                return stack;
            }
        }
        throw new IllegalArgumentException("no real stack has the profile '" + profile + "'");
    }

    /** The name in baseline directories and on the command line: chromium, firefox, pion. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The simulator's ICE profile ({@code IceProfile.named}) that stands for this stack. */
    public String profile() {
        return profile;
    }

    public static RealStack named(String key) {
        for (RealStack stack : values()) {
            if (stack.key().equals(key)) {
                return stack;
            }
        }
        throw new IllegalArgumentException("unknown stack '" + key + "': allowed " + keys());
    }

    public static String keys() {
        return Arrays.stream(values()).map(RealStack::key).collect(Collectors.joining(", "));
    }
}
