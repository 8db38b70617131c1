package org.icesim.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the timeline chart of one run shows, from its events: per peer a lane of
 * iceConnectionState intervals, a lane of selected-pair intervals (by candidate types), a lane of
 * restartIce() calls; and a network lane with the timeline's faults and repairs. Intervals last
 * until the lane's next change or the end: the run's last event, or a later instant the run is
 * known to have reached (its last media sample).
 */
public record Timeline(List<String> lanes, List<Segment> segments, List<Mark> marks, double endMs) {

    public static final String NETWORK_LANE = "network";
    public static final String RESTART = "restartIce()";

    /** An interval on lane {@code lane} (index in {@link #lanes}) in state {@code label}. */
    public record Segment(int lane, String label, double fromMs, double toMs) {
    }

    /** An instant on lane {@code lane}: {@code label} is the series (fault, repair, restartIce()), {@code detail} what happened. */
    public record Mark(int lane, String label, String detail, double atMs) {
    }

    public Timeline {
        lanes = List.copyOf(lanes);
        segments = List.copyOf(segments);
        marks = List.copyOf(marks);
    }

    public static Timeline of(List<EventRow> events) {
        return of(events, 0);
    }

    /** The timeline of {@code events} drawn at least up to {@code reachedMs}. */
    public static Timeline of(List<EventRow> events, double reachedMs) {
        Set<String> peers = new LinkedHashSet<>();
        double end = reachedMs;
        for (EventRow event : events) {
            end = Math.max(end, event.timeMs());
            if (event.kind().equals("ice-connection-state") || event.kind().equals("selected-pair")) {
                peers.add(event.node());
            }
        }
        List<String> lanes = new ArrayList<>(List.of(NETWORK_LANE));
        List<Segment> segments = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        for (EventRow event : events) {
            if (event.kind().equals("fault") || event.kind().equals("repair")) {
                marks.add(new Mark(0, event.kind(), event.detail(), event.timeMs()));
            }
        }
        for (String peer : peers) {
            int state = lanes.size();
            lanes.add(peer + " ICE state");
            lanes.add(peer + " selected pair");
            lanes.add(peer + " " + RESTART);
            String[] open = new String[2];
            double[] since = new double[2];
            for (EventRow event : events) {
                if (!event.node().equals(peer)) {
                    continue;
                }
                int lane = switch (event.kind()) {
                    case "ice-connection-state" -> 0;
                    case "selected-pair" -> 1;
                    default -> -1;
                };
                if (lane >= 0) {
                    String label = lane == 0 ? event.detail() : pairTypes(event.detail());
                    close(segments, state + lane, open[lane], since[lane], event.timeMs());
                    open[lane] = label;
                    since[lane] = event.timeMs();
                } else if (event.kind().equals("restart-ice")) {
                    marks.add(new Mark(state + 2, RESTART, event.detail(), event.timeMs()));
                }
            }
            close(segments, state, open[0], since[0], end);
            close(segments, state + 1, open[1], since[1], end);
        }
        return new Timeline(lanes, segments, marks, end);
    }

    private static void close(List<Segment> segments, int lane, String label, double from, double to) {
        if (label != null && to > from) {
            segments.add(new Segment(lane, label, from, to));
        }
    }

    /** "1 relay/srflx" (generation, local/remote types) → "relay/srflx". */
    private static String pairTypes(String detail) {
        int space = detail.indexOf(' ');
        return space < 0 ? detail : detail.substring(space + 1);
    }
}
