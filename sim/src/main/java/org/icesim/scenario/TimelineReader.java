package org.icesim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.icesim.scenario.yaml.MapView;
import org.icesim.scenario.yaml.Quantities;

/**
 * Reads one timeline entry: {@code at}, {@code action} and the action's own keys, and optionally
 * {@code every} (repeat the action at that period) with {@code until} (the last instant a
 * repetition may start; default the end of the run).
 */
final class TimelineReader {

    /** Actions one repeating entry may expand to; more would only fill the heap. */
    static final int MAX_REPEATS = 10_000;

    static final Map<String, String> ACTIONS = new LinkedHashMap<>();

    static {
        for (String action : new String[] {"link-down", "link-up", "set-link", "interface-add", "interface-remove",
                "nat-reboot", "nat-flush", "server-crash", "server-restart", "signaling-outage", "restart-ice", "close"}) {
            ACTIONS.put(action, action);
        }
    }

    private TimelineReader() {
    }

    /** The entry's actions in time order: one, or its repetitions; none if the entry has problems. */
    static List<TimelineAction> read(MapView view, long duration) {
        int problemsBefore = view.problems().list().size();
        long at = view.required("at", 0L, Quantities.DURATION_FORM, Quantities::duration);
        if (at > duration) {
            view.problem("at", "is after the end of the run (duration " + Quantities.formatDuration(duration) + ")");
        }
        long every = view.duration("every", 0L);
        long until = view.duration("until", duration);
        if (view.has("every") && every <= 0) {
            view.problem("every", "must be a duration above zero (e.g. 10m), was " + Quantities.formatDuration(every));
        }
        if (view.has("until") && !view.has("every")) {
            view.problem("until", "ends a repetition: it needs every");
        }
        if (until < at || until > duration) {
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
            return List.of();
        }
        List<TimelineAction> actions = new ArrayList<>();
        actions.add(first);
        for (long k = 1; k < repeats; k++) {
            actions.add(action(view, action, at + k * every));
        }
        return actions;
    }

    /** The action an entry names, at {@code at}. */
    private static TimelineAction action(MapView view, String action, long at) {
        return switch (action) {
            case "link-down" -> new TimelineAction.LinkDown(at, peer(view), iface(view));
            case "link-up" -> new TimelineAction.LinkUp(at, peer(view), iface(view));
            case "set-link" -> setLink(view, at);
            case "interface-add" -> interfaceAdd(view, at);
            case "interface-remove" -> new TimelineAction.InterfaceRemove(at, peer(view), iface(view), announce(view));
            case "nat-reboot" -> new TimelineAction.NatReboot(at, name(view, "nat"), view.bool("new-address", false));
            case "nat-flush" -> new TimelineAction.NatFlush(at, name(view, "nat"));
            case "server-crash" -> new TimelineAction.ServerCrash(at, name(view, "server"));
            case "server-restart" -> new TimelineAction.ServerRestart(at, name(view, "server"));
            case "signaling-outage" -> new TimelineAction.SignalingOutage(at, Optional.ofNullable(view.string("server", null)),
                    view.required("duration", 0L, Quantities.DURATION_FORM, Quantities::duration));
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
        return new TimelineAction.SetLink(at, peer, iface, LinkSpecs.readChange(set.get()));
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
