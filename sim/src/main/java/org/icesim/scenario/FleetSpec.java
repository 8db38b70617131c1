package org.icesim.scenario;

import java.util.List;
import org.icesim.app.RestartPolicy;

/**
 * A population of calls built from the scenario's two peers as templates: call <i>i</i> gets its
 * own two hosts, NATs and access links, drawn from the mixes with the streams
 * {@code call/<i>/...}, so a call's draws do not depend on how many calls come before it.
 *
 * @param calls          number of calls (1 … 100 000)
 * @param rampNanos      calls start evenly spread over [call.at, call.at + ramp); 0: all at call.at
 * @param turnAssignment how a call is given one TURN server of the scenario
 * @param callerNats     NAT template (a name in {@code nats:}) or {@link #NO_NAT} for the caller side
 * @param calleeNats     the same for the callee side
 * @param callerLinks    access-link template for the caller side
 * @param calleeLinks    access-link template for the callee side
 * @param policies       restart policy of both peers of a call; empty: the peers' own policies
 * @param faults         random faults
 */
public record FleetSpec(int calls, long rampNanos, TurnAssignment turnAssignment, Mix<String> callerNats,
        Mix<String> calleeNats, Mix<String> callerLinks, Mix<String> calleeLinks, Mix<RestartPolicy> policies,
        FaultRates faults) {

    /** The NAT-mix name of a side with a public address. */
    public static final String NO_NAT = "none";

    /** How each call is given a TURN server. */
    public enum TurnAssignment {
        /** Call i → server i mod n. */
        ROUND_ROBIN,
        /** A hash of the call's index: stable when servers are added, uneven for few calls. */
        HASH,
        /** When the call starts: the server with the fewest live allocations, then the fewest calls given. */
        LEAST_LOADED
    }

    /**
     * A weighted choice: {@code values.get(k)} with probability {@code weights.get(k)} (weights
     * add up to 1). An empty mix has no value to choose.
     */
    public record Mix<T>(List<T> values, List<Double> weights) {
        public Mix {
            values = List.copyOf(values);
            weights = List.copyOf(weights);
            if (values.size() != weights.size()) {
                throw new IllegalArgumentException("a mix needs one weight per value, had " + values.size() + " values and "
                        + weights.size() + " weights");
            }
        }

        public static <T> Mix<T> none() {
            return new Mix<>(List.of(), List.of());
        }

        public static <T> Mix<T> only(T value) {
            return new Mix<>(List.of(value), List.of(1.0));
        }

        public boolean isEmpty() {
            return values.isEmpty();
        }

        /** The value whose cumulative weight interval holds {@code u} ∈ [0, 1). */
        public T pick(double u) {
            double cumulative = 0;
            for (int k = 0; k < values.size(); k++) {
                cumulative += weights.get(k);
                if (u < cumulative) {
                    return values.get(k);
                }
            }
            return values.get(values.size() - 1);
        }
    }

    /**
     * Random faults, each a Poisson process.
     *
     * @param linkFlapsPerCallHour an access link of the call (caller or callee side, equally likely)
     *                             goes down, per call and hour
     * @param linkFlapNanos        how long it stays down
     * @param natRebootsPerCallHour a NAT of the call reboots with a new public address, per call and
     *                             hour (a side without a NAT is left alone)
     * @param turnCrashesPerHour   a TURN server of the fleet (each equally likely) crashes, per hour
     * @param turnDownNanos        how long a crashed TURN server stays down
     */
    public record FaultRates(double linkFlapsPerCallHour, long linkFlapNanos, double natRebootsPerCallHour,
            double turnCrashesPerHour, long turnDownNanos) {

        public static final FaultRates NONE = new FaultRates(0, 0, 0, 0, 0);
    }
}
