package org.icesim.fidelity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A real WebRTC stack the testbed measures, with the simulator profile named after it. */
public enum RealStack {
    /** Desktop Chromium: libwebrtc. */
    CHROMIUM("libwebrtc"),
    /** Firefox ESR: nICEr. */
    FIREFOX("firefox"),
    /** pion/webrtc and pion/ice. */
    PION("pion");

    private final String profile;

    RealStack(String profile) {
        this.profile = profile;
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
