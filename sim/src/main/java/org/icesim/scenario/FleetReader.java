package org.icesim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.icesim.app.RestartPolicy;
import org.icesim.scenario.yaml.MapView;
import org.icesim.scenario.yaml.Quantities;
import org.icesim.scenario.yaml.Suggestions;

/** Reads and checks a scenario's {@code fleet:} section (scenarios/README.md, "fleet"). */
final class FleetReader {

    private static final double WEIGHT_TOLERANCE = 1e-9;

    private FleetReader() {
    }

    static FleetSpec read(MapView fleet, Map<String, ?> links, Map<String, NatSpec> nats, Map<String, PeerSpec> peers,
            CallSpec call) {
        int calls = (int) fleet.integer("calls", 1, 1, 100_000);
        long ramp = fleet.duration("ramp", 0);
        if (ramp < 0) {
            fleet.problem("ramp", "must be ≥ 0, was " + Quantities.formatDuration(ramp));
        }
        FleetSpec.TurnAssignment assignment = fleet.choice("turn-assignment", FleetSpec.TurnAssignment.ROUND_ROBIN,
                Map.of("round-robin", FleetSpec.TurnAssignment.ROUND_ROBIN, "hash", FleetSpec.TurnAssignment.HASH,
                        "least-loaded", FleetSpec.TurnAssignment.LEAST_LOADED));
        Set<String> natNames = new LinkedHashSet<>(nats.keySet());
        natNames.add(FleetSpec.NO_NAT);
        PeerSpec caller = peers.get(call.caller());
        PeerSpec callee = peers.get(call.callee());
        List<FleetSpec.Mix<String>> natMixes = sideMixes(fleet, "nats", natNames, defaultNat(caller), defaultNat(callee));
        List<FleetSpec.Mix<String>> linkMixes = sideMixes(fleet, "links", links.keySet(), defaultLink(caller),
                defaultLink(callee));
        FleetSpec.Mix<RestartPolicy> policies = fleet.map("policies")
                .map(view -> mix(view, text -> RestartPolicy.parse(text, Quantities::duration)))
                .orElse(FleetSpec.Mix.none());
        FleetSpec.FaultRates faults = fleet.map("faults").map(FleetReader::faults).orElse(FleetSpec.FaultRates.NONE);
        fleet.finish();
        for (PeerSpec peer : new LinkedHashSet<>(peers.values())) {
            if (peer.interfaces().size() != 1) {
                fleet.problem("", "the fleet's peer templates need exactly one interface each; peer '" + peer.name()
                        + "' has " + peer.interfaces().size());
            }
        }
        return new FleetSpec(calls, ramp, assignment, natMixes.get(0), natMixes.get(1), linkMixes.get(0),
                linkMixes.get(1), policies, faults);
    }

    private static String defaultNat(PeerSpec peer) {
        return peer == null || peer.interfaces().isEmpty() ? FleetSpec.NO_NAT
                : peer.interfaces().get(0).behind().orElse(FleetSpec.NO_NAT);
    }

    private static String defaultLink(PeerSpec peer) {
        return peer == null || peer.interfaces().isEmpty() ? "" : peer.interfaces().get(0).link();
    }

    /**
     * {@code fleet.<section>.caller} and {@code .callee}: mixes of names from {@code allowed}; a
     * side left out keeps the template peer's own.
     */
    private static List<FleetSpec.Mix<String>> sideMixes(MapView fleet, String section, Set<String> allowed,
            String callerFallback, String calleeFallback) {
        Function<String, String> known = name -> {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is not one of " + String.join(", ", allowed)
                        + Suggestions.didYouMean(name, allowed));
            }
            return name;
        };
        Optional<MapView> view = fleet.map(section);
        FleetSpec.Mix<String> caller = view.flatMap(v -> v.map("caller")).map(v -> mix(v, known))
                .orElse(FleetSpec.Mix.only(callerFallback));
        FleetSpec.Mix<String> callee = view.flatMap(v -> v.map("callee")).map(v -> mix(v, known))
                .orElse(FleetSpec.Mix.only(calleeFallback));
        view.ifPresent(MapView::finish);
        return List.of(caller, callee);
    }

    /** A map value → weight (a ratio); the weights must add up to 100 %. */
    private static <T> FleetSpec.Mix<T> mix(MapView view, Function<String, T> parser) {
        List<T> values = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double sum = 0;
        for (String key : view.keys()) {
            double weight = view.ratio(key, 0);
            try {
                values.add(parser.apply(key));
                weights.add(weight);
                sum += weight;
            } catch (IllegalArgumentException e) {
                view.problem(key, e.getMessage());
            }
        }
        if (!values.isEmpty() && Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
            view.problem("", "the weights must add up to 100%, they add up to " + Math.round(sum * 1e6) / 1e4 + "%");
        }
        if (view.keys().isEmpty()) {
            view.problem("", "must name at least one value with its weight, e.g. {a: 60%, b: 40%}");
        }
        return new FleetSpec.Mix<>(values, weights);
    }

    private static FleetSpec.FaultRates faults(MapView faults) {
        TimedRate flap = timedRate(faults, "link-flap", "per-call-per-hour", "duration", 5_000_000_000L);
        double reboots = faults.map("nat-reboot").map(view -> {
            double rate = view.decimal("per-call-per-hour", 0, 0, 3600);
            view.finish();
            return rate;
        }).orElse(0.0);
        TimedRate crash = timedRate(faults, "turn-crash", "per-hour", "down", 30_000_000_000L);
        faults.finish();
        return new FleetSpec.FaultRates(flap.perHour(), flap.nanos(), reboots, crash.perHour(), crash.nanos());
    }

    /** A Poisson rate with how long each occurrence lasts; zero for both when the key is absent. */
    private record TimedRate(double perHour, long nanos) {
    }

    private static TimedRate timedRate(MapView faults, String key, String rateKey, String durationKey,
            long defaultNanos) {
        Optional<MapView> entry = faults.map(key);
        if (entry.isEmpty()) {
            return new TimedRate(0, 0);
        }
        MapView view = entry.get();
        double rate = view.decimal(rateKey, 0, 0, 3600);
        long nanos = view.duration(durationKey, defaultNanos);
        if (nanos <= 0) {
            view.problem(durationKey, "must be > 0");
        }
        view.finish();
        return new TimedRate(rate, nanos);
    }
}
