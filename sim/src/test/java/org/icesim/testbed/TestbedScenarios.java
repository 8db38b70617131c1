package org.icesim.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icesim.scenario.Scenario;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.ScenarioLoader;

/** Scenario files for the testbed's tests. */
final class TestbedScenarios {

    /** Two peers behind home NATs, a 20 ms Wi-Fi, servers behind a 5 ms link; {@code extra} is appended. */
    static final String BASE = """
            name: tb
            duration: 30s
            servers:
              stun: {type: stun, link: datacenter}
              turn: {type: turn, link: datacenter, transports: [udp, tcp], users: {u: p}}
              signaling: {type: signaling, link: datacenter}
            nats:
              home-alice: {preset: port-restricted-cone}
              cgn: {preset: symmetric}
            links:
              datacenter: {delay: 5ms}
              wifi: {delay: 20ms, loss: 1%}
              cell: {delay: 60ms}
            peers:
              alice: {interfaces: [{name: wifi, link: wifi, behind: home-alice}], policy: on-disconnected(2s)}
              bob: {interfaces: [{name: eth, link: wifi}]}
            """;

    private TestbedScenarios() {
    }

    static Path write(Path directory, String text) throws IOException {
        Path file = directory.resolve("tb.yaml");
        Files.writeString(file, text);
        return file;
    }

    static Scenario load(Path directory, String text) throws IOException, ScenarioException {
        return new ScenarioLoader().load(write(directory, text)).get(0).scenario();
    }
}
