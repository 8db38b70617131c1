package org.icesim.testbed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.icesim.testbed.StageMarks.Mark;

/**
 * The steps of a call's negotiations, timed from its marks: the set-up (from the run's zero
 * instant, where the caller adds its track at {@code call.at}) and the first ICE restart (from
 * restartIce()), each from the offer to the selected pair, with the answerer's part and, where
 * raw testbed logs give them, the signaling server's receipt and hand-over of the offer and the
 * answer, each candidate's trip to the other peer and the first media. A step is left out of a
 * run whose marks do not have both its ends.
 */
public final class CallStages {

    /** Which negotiation a step belongs to. */
    public enum Phase {
        SETUP("set-up"),
        RESTART("restart");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One step of one run: {@code millis} from its start to its end. */
    public record Duration(Phase phase, String step, double millis) {
    }

    /** The durations of one step over all runs that have it. */
    public record Step(Phase phase, String step, List<Double> millis) {

        public Step {
            millis = List.copyOf(millis);
        }

        /** The middle value (the mean of the two middle ones for an even count). */
        public double median() {
            List<Double> sorted = millis.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        public double min() {
            return millis.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        }

        public double max() {
            return millis.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }
    }

    /** The offer step: the page starts (or calls restartIce()) to the offer sent. */
    public static final String OFFER_SENT = "start -> offer sent";
    /** The answerer's part: the remote offer applied to the answer applied (createAnswer, setLocalDescription). */
    public static final String ANSWER_SET = "answerer have-remote-offer -> stable (answer set)";
    /** The offer's last trip and the answerer's setRemoteDescription(offer). */
    public static final String REMOTE_OFFER_APPLIED = "offer handed -> answerer have-remote-offer";

    /** The steps: name, start instant, end instant (names of {@link #instants}). */
    private static final List<String[]> STEPS = List.of(
            new String[] {OFFER_SENT, "start", "offer"},
            new String[] {"start -> offerer gathering", "start", "gathering"},
            new String[] {"offerer gathering -> complete", "gathering", "gathered"},
            new String[] {"offer sent -> at the server", "offer", "offerAtServer"},
            new String[] {"offer at the server -> handed to answerer", "offerAtServer", "offerHanded"},
            new String[] {REMOTE_OFFER_APPLIED, "offerHanded", "remoteOffer"},
            new String[] {"offer sent -> answerer have-remote-offer", "offer", "remoteOffer"},
            new String[] {ANSWER_SET, "remoteOffer", "answerSet"},
            new String[] {"answerer have-remote-offer -> gathering", "remoteOffer", "answererGathering"},
            new String[] {"answer set -> at the server", "answerSet", "answerAtServer"},
            new String[] {"answer at the server -> handed to offerer", "answerAtServer", "answerHanded"},
            new String[] {"answer handed -> offerer applied it", "answerHanded", "answerApplied"},
            new String[] {"answer set -> offerer applied it", "answerSet", "answerApplied"},
            new String[] {"answer applied -> offerer selected pair", "answerApplied", "selected"},
            new String[] {"start -> offerer selected pair", "start", "selected"},
            new String[] {"start -> answerer selected pair", "start", "answererSelected"},
            new String[] {"selected pair -> connection-state connected", "selected", "connected"},
            new String[] {"selected pair -> first media at offerer", "selected", "media"});

    private CallStages() {
    }

    /** Every step of every run, in step order, with the runs that have it. */
    public static List<Step> of(Map<String, List<Mark>> runs) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        Map<String, Phase> phases = new LinkedHashMap<>();
        for (Phase phase : Phase.values()) {
            for (String[] step : STEPS) {
                values.put(phase.label() + "|" + step[0], new ArrayList<>());
                phases.put(phase.label() + "|" + step[0], phase);
            }
        }
        for (List<Mark> marks : runs.values()) {
            for (Duration d : durations(marks)) {
                values.computeIfAbsent(d.phase().label() + "|" + d.step(), k -> new ArrayList<>()).add(d.millis());
                phases.putIfAbsent(d.phase().label() + "|" + d.step(), d.phase());
            }
        }
        List<Step> steps = new ArrayList<>();
        values.forEach((key, millis) -> {
            if (!millis.isEmpty()) {
                steps.add(new Step(phases.get(key), key.substring(key.indexOf('|') + 1), millis));
            }
        });
        return steps;
    }

    /** The steps one run has. */
    public static List<Duration> durations(List<Mark> marks) {
        List<Duration> durations = new ArrayList<>();
        Optional<Mark> firstOffer = first(marks, m -> m.kind().equals("offer-sent"), 0);
        if (firstOffer.isEmpty()) {
            return durations;
        }
        String caller = firstOffer.get().peer();
        durations.addAll(phase(marks, Phase.SETUP, caller, 0));
        first(marks, m -> m.kind().equals("restart-ice"), 0)
                .ifPresent(restart -> durations.addAll(phase(marks, Phase.RESTART, restart.peer(), restart.micros())));
        return durations;
    }

    private static List<Duration> phase(List<Mark> marks, Phase phase, String offerer, long start) {
        String answerer = marks.stream().map(Mark::peer).filter(p -> !p.equals(offerer) && !p.equals("world")).findFirst().orElse("");
        Map<String, OptionalLong> at = instants(marks, phase, offerer, answerer, start);
        List<Duration> durations = new ArrayList<>();
        for (String[] step : STEPS) {
            OptionalLong from = at.getOrDefault(step[1], OptionalLong.empty());
            OptionalLong to = at.getOrDefault(step[2], OptionalLong.empty());
            if (from.isPresent() && to.isPresent()) {
                durations.add(new Duration(phase, step[0], (to.getAsLong() - from.getAsLong()) / 1000.0));
            }
        }
        durations.addAll(candidateTrips(marks, phase, start, end(marks, phase, start)));
        return durations;
    }

    /**
     * Each instant is the first mark of its kind at or after the one it follows, so a step never
     * runs backwards; a selected pair must be of a generation the phase's start did not have yet.
     */
    private static Map<String, OptionalLong> instants(List<Mark> marks, Phase phase, String offerer, String answerer, long start) {
        Map<String, OptionalLong> at = new LinkedHashMap<>();
        at.put("start", OptionalLong.of(start));
        OptionalLong offer = time(first(marks, of(offerer, "offer-sent"), start));
        at.put("offer", offer);
        at.put("gathering", after(marks, of(offerer, "ice-gathering-state", "gathering"), at.get("start")));
        at.put("gathered", after(marks, of(offerer, "gathering-complete"), at.get("gathering")));
        Optional<Mark> offerAtServer = firstSent(marks, offerer, offer);
        at.put("offerAtServer", time(offerAtServer));
        at.put("offerHanded", handed(marks, answerer, offerAtServer));
        at.put("remoteOffer", after(marks, of(answerer, "signaling-state", "have-remote-offer"), offer));
        at.put("answerSet", after(marks, of(answerer, "signaling-state", "stable"), at.get("remoteOffer")));
        at.put("answererGathering", after(marks, of(answerer, "ice-gathering-state", "gathering"), at.get("remoteOffer")));
        OptionalLong answerSet = at.get("answerSet");
        Optional<Mark> answerAtServer = firstSent(marks, answerer, answerSet);
        at.put("answerAtServer", time(answerAtServer));
        at.put("answerHanded", handed(marks, offerer, answerAtServer));
        at.put("answerApplied", after(marks, of(offerer, "answer-applied"), at.get("answerSet")));
        int generation = lastGeneration(marks, start) + 1;
        Predicate<Mark> newPair = m -> m.kind().equals("selected-pair") && generation(m) >= generation;
        at.put("selected", after(marks, newPair.and(m -> m.peer().equals(offerer)), offer));
        at.put("answererSelected", after(marks, newPair.and(m -> m.peer().equals(answerer)), offer));
        if (phase == Phase.SETUP) {
            at.put("connected", after(marks, of(offerer, "connection-state", "connected"), at.get("selected")));
            at.put("media", after(marks, of(offerer, StageMarks.MEDIA), at.get("selected")));
        }
        return at;
    }

    /**
     * The server's receipt of the first message a peer sent from an instant on: the lowest message
     * id received after it. Messages posted at once can reach the server out of order, so the
     * first receipt in time may be a later message.
     */
    private static Optional<Mark> firstSent(List<Mark> marks, String sender, OptionalLong from) {
        if (from.isEmpty()) {
            return Optional.empty();
        }
        return marks.stream().filter(m -> m.micros() >= from.getAsLong() && m.peer().equals(sender)
                && m.kind().equals(StageMarks.SERVER_RECEIVED)).min(Comparator.comparingLong(m -> messageId(m)));
    }

    private static long messageId(Mark received) {
        try {
            return Long.parseLong(received.detail());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The poll answer that handed a message to its receiver. The server logs a message's receipt
     * after storing it, so the answer to a waiting poll can be logged a little before the receipt:
     * the two are paired by the message's number, not by their order in the log.
     */
    private static OptionalLong handed(List<Mark> marks, String receiver, Optional<Mark> received) {
        if (received.isEmpty()) {
            return OptionalLong.empty();
        }
        return time(marks.stream().filter(m -> m.peer().equals(receiver) && m.kind().equals(StageMarks.SERVER_HANDED)
                && StageMarks.handedMessage(m, received.get().detail())).findFirst());
    }

    /**
     * Each local candidate of the phase, from its gathering to the other peer's adding it: the
     * page's trickle through the signaling server (raw logs only).
     */
    private static List<Duration> candidateTrips(List<Mark> marks, Phase phase, long start, long end) {
        List<Duration> trips = new ArrayList<>();
        for (Mark local : marks) {
            if (!local.kind().equals(StageMarks.CANDIDATE_LOCAL) || local.micros() < start || local.micros() >= end) {
                continue;
            }
            first(marks, m -> m.kind().equals(StageMarks.CANDIDATE_REMOTE) && !m.peer().equals(local.peer())
                    && m.detail().equals(local.detail()), local.micros())
                    .ifPresent(remote -> trips.add(new Duration(phase,
                            "candidate " + local.detail().split(" ")[0] + " gathered -> added by the other peer",
                            (remote.micros() - local.micros()) / 1000.0)));
        }
        return trips;
    }

    /** The set-up ends at the first restart; a restart at the run's end. */
    private static long end(List<Mark> marks, Phase phase, long start) {
        if (phase == Phase.RESTART) {
            return Long.MAX_VALUE;
        }
        return time(first(marks, m -> m.kind().equals("restart-ice"), start)).orElse(Long.MAX_VALUE);
    }

    private static int lastGeneration(List<Mark> marks, long before) {
        int last = -1;
        for (Mark m : marks) {
            if (m.micros() < before && m.kind().equals("selected-pair")) {
                last = Math.max(last, generation(m));
            }
        }
        return last;
    }

    /** events.csv's selected-pair detail: "{@code <generation> <local>/<remote>}". */
    private static int generation(Mark selected) {
        try {
            return Integer.parseInt(selected.detail().split(" ")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Predicate<Mark> of(String peer, String kind) {
        return m -> m.peer().equals(peer) && m.kind().equals(kind);
    }

    private static Predicate<Mark> of(String peer, String kind, String detail) {
        return of(peer, kind).and(m -> m.detail().equals(detail));
    }

    private static OptionalLong after(List<Mark> marks, Predicate<Mark> which, OptionalLong from) {
        return from.isPresent() ? time(first(marks, which, from.getAsLong())) : OptionalLong.empty();
    }

    private static Optional<Mark> first(List<Mark> marks, Predicate<Mark> which, long from) {
        return marks.stream().filter(m -> m.micros() >= from && which.test(m)).findFirst();
    }

    private static OptionalLong time(Optional<Mark> mark) {
        return mark.map(m -> OptionalLong.of(m.micros())).orElse(OptionalLong.empty());
    }
}
