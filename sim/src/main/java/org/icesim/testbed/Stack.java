package org.icesim.testbed;

import java.util.List;
import java.util.Locale;

/** A real WebRTC implementation the testbed runs, with the Debian packages it needs. */
public enum Stack {
    CHROMIUM("chromium", List.of("chromium")),
    FIREFOX("firefox-esr", List.of("firefox-esr")),
    PION("go", List.of("golang-go", "golang-github-pion-webrtc.v3-dev"));

    private final String program;
    private final List<String> packages;

    Stack(String program, List<String> packages) {
        this.program = program;
        this.packages = packages;
    }

    /** The program that must be on the PATH (the browser, or the Go compiler that builds the pion peer). */
    public String program() {
        return program;
    }

    public List<String> packages() {
        return packages;
    }

    /** The name on the command line and in manifest.json. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stack parse(String text) {
        for (Stack stack : values()) {
            if (stack.id().equals(text)) {
                return stack;
            }
        }
        throw new IllegalArgumentException("--stack must be chromium, firefox or pion, was '" + text + "'");
    }
}
