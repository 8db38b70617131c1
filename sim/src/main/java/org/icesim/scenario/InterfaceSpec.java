package org.icesim.scenario;

import java.util.Optional;

/** A network interface of a peer: its name, the link template of its access link, and the NAT it is behind. */
public record InterfaceSpec(String name, String link, Optional<String> behind) {
}
