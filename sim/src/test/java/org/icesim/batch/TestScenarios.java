package org.icesim.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small valid scenario files for batch tests. */
public final class TestScenarios {

    private TestScenarios() {
    }

    /**
     * Writes {@code <name>.yaml}: two peers on one link, {@code seeds} replications, and a sweep of
     * the link delay over {@code delays} (no sweep when none are given).
     */
    public static Path write(Path dir, String name, int seeds, String... delays) throws IOException {
        String sweep = delays.length == 0 ? "" : "sweep: {links.lan.delay: [" + String.join(", ", delays) + "]}\n";
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                duration: 10s
                seeds: %d
                %sservers: {sig: {type: signaling}}
                links: {lan: {delay: 5ms}}
                peers:
                  alice: {interfaces: [{name: eth, link: lan}]}
                  bob: {interfaces: [{name: eth, link: lan}]}
                """.formatted(name, seeds, sweep));
        return file;
    }
}
