package org.icesim.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.icesim.batch.BatchException;
import org.icesim.batch.ResultCsv;
import org.icesim.batch.ResultFiles;

/**
 * Everything a result set says happened in each run, as marks on one time line in microseconds
 * from the run's zero instant: the events.csv rows (simulated or real), and, where the testbed's
 * raw logs are there, what events.csv leaves out: each peer's candidates as gathered and as
 * received, its media arrivals, and the signaling server's receipt and hand-over of messages
 * (signaling.log, on the same machine clock as the peers' event stamps).
 */
public final class StageMarks {

    /** A local candidate gathered (detail: type and address). */
    public static final String CANDIDATE_LOCAL = "candidate-local";
    /** A remote candidate the page added (detail: type and address). */
    public static final String CANDIDATE_REMOTE = "candidate-remote";
    /** An audio packet arrived. */
    public static final String MEDIA = "media-rx";
    /** The signaling server received a message the peer sent (signaling.log {@code send}). */
    public static final String SERVER_RECEIVED = "server-received";
    /**
     * The signaling server answered the peer's poll with messages (signaling.log {@code recv … after=N -> n},
     * n > 0; detail "N n": the messages numbered N+1 … N+n of those sent to the peer, which are the
     * other peer's message ids, as it is the only sender in the room).
     */
    public static final String SERVER_HANDED = "server-handed";

    /** One thing that happened: to {@code peer} (or "world"), {@code micros} after the run's zero. */
    public record Mark(long micros, String peer, String kind, String detail) {
    }

    private StageMarks() {
    }

    /** Whether a {@link #SERVER_HANDED} mark carried the message the other peer sent with this id. */
    public static boolean handedMessage(Mark handed, String id) {
        String[] range = handed.detail().split(" ");
        try {
            long k = Long.parseLong(id);
            long after = Long.parseLong(range[0]);
            return range.length == 2 && k > after && k <= after + Long.parseLong(range[1]);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Per run id, in events.csv order, the run's marks sorted by time. A real baseline that keeps its
     * measurement sets in subdirectories (no events.csv of its own) gives the runs of every set, each
     * run id prefixed with its set's name ({@code 80ms/fidelity-restart-healthy/p1/s0}), since two sets
     * may hold the same case and point.
     */
    public static Map<String, List<Mark>> read(Path results) throws IOException, BatchException {
        List<Path> sets = ResultFiles.setsHolding(results, ResultFiles.EVENTS);
        if (!sets.isEmpty() && !sets.equals(List.of(results))) {
            Map<String, List<Mark>> runs = new LinkedHashMap<>();
            for (Path set : sets) {
                readSet(set).forEach((id, marks) -> runs.put(set.getFileName() + "/" + id, marks));
            }
            return runs;
        }
        return readSet(results);
    }

    private static Map<String, List<Mark>> readSet(Path results) throws IOException, BatchException {
        Map<String, List<Mark>> runs = eventsCsv(results);
        Optional<RawLogs> raw = RawLogs.read(results, file -> file.endsWith(".events.log") || file.equals("signaling.log"));
        if (raw.isPresent()) {
            for (Map.Entry<String, List<Mark>> run : runs.entrySet()) {
                addRaw(raw.get(), run.getKey(), run.getValue());
            }
        }
        runs.values().forEach(marks -> marks.sort(Comparator.comparingLong(Mark::micros)));
        return runs;
    }

    private static Map<String, List<Mark>> eventsCsv(Path results) throws IOException, BatchException {
        Path file = results.resolve(ResultFiles.EVENTS);
        if (!Files.isRegularFile(file)) {
            throw new BatchException("no " + ResultFiles.EVENTS + " in " + results
                    + ": the stages need a result set with events (a testbed batch, or a batch run with --events)");
        }
        Map<String, List<Mark>> runs = new LinkedHashMap<>();
        try (ResultCsv csv = ResultCsv.open(file)) {
            ResultCsv.Row header = csv.next();
            if (header == null || !header.cells().equals(ResultFiles.EVENT_COLUMNS)) {
                throw new BatchException(file + ":1:1: must start with the header " + String.join(",", ResultFiles.EVENT_COLUMNS));
            }
            for (ResultCsv.Row row = csv.next(); row != null; row = csv.next()) {
                row.requireWidth(ResultFiles.EVENT_COLUMNS);
                long micros = Math.round(row.decimal(1, "t_ms") * 1000);
                runs.computeIfAbsent(row.cell(0), run -> new ArrayList<>()).add(new Mark(micros, row.cell(2), row.cell(3), row.cell(4)));
            }
        }
        return runs;
    }

    /**
     * The raw stamps are epoch microseconds; the run's zero is found by pairing each peer's first
     * signaling-state event in events.csv with the same line of its raw event log.
     */
    private static void addRaw(RawLogs raw, String runId, List<Mark> marks) {
        if (!raw.hasRun(runId)) {
            return;
        }
        Long zero = null;
        Map<String, List<PeerLine>> peers = new LinkedHashMap<>();
        for (String peer : marks.stream().map(Mark::peer).filter(p -> !p.equals("world")).distinct().toList()) {
            List<PeerLine> lines = new ArrayList<>();
            for (String text : raw.lines(runId, peer + ".events.log")) {
                // "<orchestrator receipt µs> <peer> EV <peer stamp µs> <kind> <detail>"
                int ev = text.indexOf(" EV ");
                if (ev >= 0) {
                    PeerLine.parse(text.substring(ev + 1)).ifPresent(lines::add);
                }
            }
            peers.put(peer, lines);
            Optional<Mark> first = marks.stream().filter(m -> m.peer().equals(peer) && m.kind().equals("signaling-state")).findFirst();
            Optional<PeerLine> same = lines.stream()
                    .filter(l -> l.kind().equals("signaling-state") && first.isPresent() && l.detail().equals(first.get().detail()))
                    .findFirst();
            if (zero == null && first.isPresent() && same.isPresent()) {
                zero = same.get().epochMicros() - first.get().micros();
            }
        }
        if (zero == null) {
            return;
        }
        for (Map.Entry<String, List<PeerLine>> peer : peers.entrySet()) {
            for (PeerLine line : peer.getValue()) {
                long micros = line.epochMicros() - zero;
                if (line.kind().equals("candidate")) {
                    String[] words = line.detail().split(" ", 2);
                    if (words.length == 2 && (words[0].equals("local") || words[0].equals("remote"))) {
                        marks.add(new Mark(micros, peer.getKey(), words[0].equals("local") ? CANDIDATE_LOCAL : CANDIDATE_REMOTE,
                                words[1]));
                    }
                } else if (line.kind().equals(MEDIA)) {
                    marks.add(new Mark(micros, peer.getKey(), MEDIA, line.detail()));
                }
            }
        }
        for (String line : raw.lines(runId, "signaling.log")) {
            serverMark(line, zero).ifPresent(marks::add);
        }
    }

    /**
     * {@code <ISO instant> send room=R from=P id=K} or {@code <ISO instant> recv peer=P after=N -> n}
     * (the server's log, docs/testbed.md "Signaling server").
     */
    private static Optional<Mark> serverMark(String line, long zero) {
        String[] words = line.strip().split(" ");
        if (words.length < 3) {
            return Optional.empty();
        }
        long micros;
        try {
            Instant at = Instant.parse(words[0]);
            micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1000 - zero;
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                fields.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        if (words[1].equals("send") && fields.containsKey("from")) {
            return Optional.of(new Mark(micros, fields.get("from"), SERVER_RECEIVED, fields.getOrDefault("id", "")));
        }
        if (words[1].equals("recv") && fields.containsKey("peer") && fields.containsKey("after")
                && !words[words.length - 1].equals("0")) {
            return Optional.of(new Mark(micros, fields.get("peer"), SERVER_HANDED, fields.get("after") + " " + words[words.length - 1]));
        }
        return Optional.empty();
    }
}
