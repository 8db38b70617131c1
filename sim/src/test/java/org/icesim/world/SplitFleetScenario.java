package org.icesim.world;

/** A fleet for the tests of splitting a fleet over threads (FleetSplitTest, FleetThreadsTest). */
public final class SplitFleetScenario {

    /** Four TURN servers, NATs that relay a good share of the calls, and every kind of fault often. */
    public static final String YAML = """
            name: split-fleet
            duration: 60s
            media: {mode: fluid, audio: {pps: 50, bytes: 80}}
            links: {dc: {delay: 2ms}, lan: {delay: 10ms}, cell: {delay: 40ms}}
            nats: {home: {preset: port-restricted-cone}, sym: {preset: symmetric}}
            servers:
              sig: {type: signaling, link: dc}
              stun: {type: stun, link: dc}
              turn-1: {type: turn, link: dc}
              turn-2: {type: turn, link: dc}
              turn-3: {type: turn, link: dc}
              turn-4: {type: turn, link: dc}
            peers:
              a: {interfaces: [{name: eth, link: lan, behind: home}], policy: on-failed}
              b: {interfaces: [{name: eth, link: lan, behind: home}], policy: on-failed}
            fleet:
              calls: 24
              ramp: 10s
              turn-assignment: round-robin
              nats: {caller: {home: 40%, sym: 40%, none: 20%}, callee: {home: 30%, sym: 50%, none: 20%}}
              links: {caller: {lan: 70%, cell: 30%}, callee: {lan: 50%, cell: 50%}}
              policies: {on-failed: 50%, on-disconnected(2s): 50%}
              faults:
                link-flap: {per-call-per-hour: 60, duration: 3s}
                nat-reboot: {per-call-per-hour: 60}
                turn-crash: {per-hour: 180, down: 5s}
            """;

    private SplitFleetScenario() {
    }
}
