package org.icesim.scenario;

import java.util.List;
import java.util.Optional;
import org.icesim.app.Processing;
import org.icesim.app.RestartPolicy;
import org.icesim.ice.IceProfile;

/**
 * A WebRTC endpoint: its interfaces at the start, its ICE implementation profile (with
 * overrides applied), the application's restart policy, its perfect-negotiation role (polite or
 * not; default: the callee is polite), iceTransportPolicy relay, and which ICE servers it uses
 * (empty: every STUN and TURN server of the scenario), and how long its stack takes for the
 * negotiation steps.
 */
public record PeerSpec(String name, List<InterfaceSpec> interfaces, IceProfile profile, RestartPolicy policy,
        Optional<Boolean> polite, boolean relayOnly, Optional<List<String>> iceServers, Processing processing) {
}
