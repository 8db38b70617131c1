package org.icesim.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.icesim.net.InFlight;
import org.icesim.net.LinkChange;
import org.icesim.scenario.yaml.MapView;
import org.icesim.scenario.yaml.Quantities;
import org.icesim.scenario.yaml.Suggestions;

/**
 * Reads one timeline entry: {@code at}, {@code action} and the action's own keys, and optionally
 * {@code every} (repeat the action at that period) with {@code until} (the last instant a
 * repetition may start; default the end of the run). {@code at} is a fixed instant or an event
 * with an offset ({@link TimelineAnchor}); an entry at an event runs once and does not repeat.
 */
final class TimelineReader {

    /** Actions one repeating entry may expand to; more would only fill the heap. */
    static final int MAX_REPEATS = 10_000;

    static final Map<String, String> ACTIONS = new LinkedHashMap<>();
    /** {@code in-flight}'s values: what a cut does with the packets the link holds. */
    static final Map<String, InFlight> IN_FLIGHT = new LinkedHashMap<>();

    static {
        for (String action : new String[] {"link-down", "link-up", "set-link", "interface-add", "interface-remove",
                "nat-reboot", "nat-flush", "server-crash", "server-restart", "signaling-outage", "restart-ice", "close"}) {
            ACTIONS.put(action, action);
        }
        IN_FLIGHT.put("deliver", InFlight.DELIVER);
        IN_FLIGHT.put("drop", InFlight.DROP);
    }

    private TimelineReader() {
    }

    /** What {@code at} may be, for error messages. */
    static final String AT_FORM = "an instant of the run (e.g. 20s) or an event and an offset: [peer.]event[+duration] with "
            + "event one of " + String.join(", ", TimelineAnchor.Event.byWord().keySet()) + " (e.g. connected+5s, "
            + "alice.disconnected+2s)";

    /** An entry's {@code at}: a fixed instant, or an anchor (whose offset is then the instant's value). */
    private record At(long nanos, Optional<TimelineAnchor> anchor) {
    }

    /**
     * Reads one entry into {@code fixed} (its action, or its repetitions, at fixed instants) or
     * {@code anchored} (its action waiting for an event); neither if the entry has problems.
     *
     * @param peers the scenario's peer names, which an anchor may name
     */
    static void read(MapView view, long duration, Set<String> peers, List<TimelineAction> fixed,
            List<AnchoredAction> anchored) {
        int problemsBefore = view.problems().list().size();
        At when = view.required("at", new At(0, Optional.empty()), AT_FORM, text -> at(text, peers));
        long at = when.nanos();
        if (at > duration) {
            view.problem("at", when.anchor().isPresent()
                    ? "waits " + Quantities.formatDuration(at) + " after its event, longer than the run ("
                            + Quantities.formatDuration(duration) + ")"
                    : "is after the end of the run (duration " + Quantities.formatDuration(duration) + ")");
        }
        if (when.anchor().isPresent()) {
            // Repetitions count from a fixed instant; an anchored entry happens once, when its event does.
            for (String key : List.of("every", "until")) {
                if (view.has(key)) {
                    view.problem(key, "repeats only an entry at a fixed instant; an entry at an event (at: "
                            + when.anchor().get() + ") runs once");
                }
            }
        }
        long every = view.duration("every", 0L);
        long until = view.duration("until", duration);
        if (view.has("every") && every <= 0) {
            view.problem("every", "must be a duration above zero (e.g. 10m), was " + Quantities.formatDuration(every));
        }
        if (view.has("until") && !view.has("every")) {
            view.problem("until", "ends a repetition: it needs every");
        }
        if (view.has("until") && (until < at || until > duration)) {
            view.problem("until", "must be between at (" + Quantities.formatDuration(at) + ") and the end of the run ("
                    + Quantities.formatDuration(duration) + "), was " + Quantities.formatDuration(until));
        }
        long repeats = every <= 0 || until < at ? 1 : (until - at) / every + 1;
        if (repeats > MAX_REPEATS) {
            view.problem("every", "repeats the action " + repeats + " times; an entry may repeat at most " + MAX_REPEATS
                    + " times (TimelineReader.MAX_REPEATS): choose a longer period or an earlier until");
        }
        String action = view.required("action", "", "one of " + String.join(", ", ACTIONS.keySet()),
                text -> MapView.choose(text, ACTIONS));
        TimelineAction first = action(view, action, at);
        view.finish();
        if (first == null || view.problems().list().size() > problemsBefore) {
            return;
        }
        if (when.anchor().isPresent()) {
            anchored.add(new AnchoredAction(when.anchor().get(), first));
            return;
        }
        fixed.add(first);
        for (long k = 1; k < repeats; k++) {
            fixed.add(action(view, action, at + k * every));
        }
    }

    /** {@code at}'s text: a duration (it starts with a digit), or {@code [peer.]event[+duration]}. */
    private static At at(String text, Set<String> peers) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || Character.isDigit(trimmed.charAt(0))) {
            return new At(Quantities.duration(trimmed), Optional.empty());
        }
        int plus = trimmed.indexOf('+');
        String head = (plus < 0 ? trimmed : trimmed.substring(0, plus)).strip();
        long offset = 0;
        if (plus >= 0) {
            String after = trimmed.substring(plus + 1).strip();
            try {
                offset = Quantities.duration(after);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the offset after '" + head + "+' in '" + text + "': " + e.getMessage());
            }
        }
        int dot = head.lastIndexOf('.');
        Optional<String> peer = dot < 0 ? Optional.empty() : Optional.of(head.substring(0, dot));
        String word = head.substring(dot + 1);
        Map<String, TimelineAnchor.Event> events = TimelineAnchor.Event.byWord();
        TimelineAnchor.Event event = events.get(word);
        int minus = word.indexOf('-');
        if (event == null && minus > 0 && events.containsKey(word.substring(0, minus))) {
            throw new IllegalArgumentException("'" + text + "' is before its event; an action can only follow its event: "
                    + "write event+duration (e.g. connected+5s)");
        }
        if (event == null) {
            throw new IllegalArgumentException("'" + word + "' in '" + text + "' is not an event"
                    + Suggestions.didYouMean(word, events.keySet()) + "; expected " + AT_FORM);
        }
        if (peer.isPresent() && !peers.contains(peer.get())) {
            throw new IllegalArgumentException("'" + peer.get() + "' in '" + text + "' is not a peer"
                    + Suggestions.didYouMean(peer.get(), peers) + "; peers: " + String.join(", ", peers));
        }
        return new At(offset, Optional.of(new TimelineAnchor(peer, event, offset)));
    }

    /** The action an entry names, at {@code at}. */
    private static TimelineAction action(MapView view, String action, long at) {
        return switch (action) {
            case "link-down" -> new TimelineAction.LinkDown(at, peer(view), iface(view), inFlight(view));
            case "link-up" -> new TimelineAction.LinkUp(at, peer(view), iface(view));
            case "set-link" -> setLink(view, at);
            case "interface-add" -> interfaceAdd(view, at);
            case "interface-remove" -> new TimelineAction.InterfaceRemove(at, peer(view), iface(view), announce(view));
            case "nat-reboot" -> new TimelineAction.NatReboot(at, name(view, "nat"), view.bool("new-address", false));
            case "nat-flush" -> new TimelineAction.NatFlush(at, name(view, "nat"));
            case "server-crash" -> new TimelineAction.ServerCrash(at, name(view, "server"));
            case "server-restart" -> new TimelineAction.ServerRestart(at, name(view, "server"));
            case "signaling-outage" -> new TimelineAction.SignalingOutage(at, Optional.ofNullable(view.string("server", null)),
                    view.required("duration", 0L, Quantities.DURATION_FORM, Quantities::duration),
                    view.choice("mode", false, Map.of("crash", false, "unreachable", true)));
            case "restart-ice" -> new TimelineAction.RestartIce(at, peer(view));
            case "close" -> new TimelineAction.Close(at, peer(view));
            default -> null;
        };
    }

    private static String peer(MapView view) {
        return name(view, "peer");
    }

    private static String iface(MapView view) {
        return name(view, "interface");
    }

    private static String name(MapView view, String key) {
        return view.required(key, "", "the name of a " + key, Function.identity());
    }

    private static TimelineAction setLink(MapView view, long at) {
        String peer = peer(view);
        String iface = iface(view);
        Optional<MapView> set = view.map("set");
        if (set.isEmpty()) {
            view.problem("set", "is required: the link properties to change, e.g. {delay: 200ms, loss: 5%}");
            return null;
        }
        LinkChange change = LinkSpecs.readChange(set.get());
        if (view.has("in-flight") && !change.up().equals(Optional.of(false))) {
            view.problem("in-flight", "says what a cut does with the packets on the link: it needs set: {up: false}");
        }
        return new TimelineAction.SetLink(at, peer, iface, change, inFlight(view));
    }

    /** What a cut does with the packets the link holds; dropping them is what Linux and the testbed do (InFlight). */
    private static InFlight inFlight(MapView view) {
        return view.choice("in-flight", InFlight.DROP, IN_FLIGHT);
    }

    private static TimelineAction interfaceAdd(MapView view, long at) {
        String peer = peer(view);
        Optional<MapView> ifaceView = view.map("interface");
        if (ifaceView.isEmpty()) {
            view.problem("interface", "is required: the new interface as {name, link, behind}");
            return null;
        }
        MapView iface = ifaceView.get();
        String name = iface.required("name", "?", "an interface name such as cell", Function.identity());
        String link = iface.required("link", "?", "the name of a link in links:", Function.identity());
        Optional<String> behind = Optional.ofNullable(iface.string("behind", null));
        iface.finish();
        return new TimelineAction.InterfaceAdd(at, peer, new InterfaceSpec(name, link, behind), announce(view));
    }

    /** Whether the operating system reports an interface change to the application; absent: as the peer's stack learns. */
    private static Optional<Boolean> announce(MapView view) {
        return view.has("announce") ? Optional.of(view.bool("announce", false)) : Optional.empty();
    }
}
