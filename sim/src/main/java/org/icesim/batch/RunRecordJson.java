package org.icesim.batch;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.icesim.metrics.EventDetail;
import org.icesim.metrics.EventKind;
import org.icesim.metrics.FleetFigures;
import org.icesim.metrics.LoadSample;
import org.icesim.metrics.MediaSample;
import org.icesim.metrics.Metric;
import org.icesim.metrics.MetricValue;
import org.icesim.metrics.RecordedEvent;
import org.icesim.stats.Json;

/**
 * A {@link RunRecord} as JSON, for the journal and for records coming back from cluster
 * executors: metric values and event details in their result-file text (runs.csv's cells,
 * events.csv's detail), read back into their types, so the stored form is the one the result
 * files use and a record read back equals the record written.
 */
final class RunRecordJson {

    /** The stored form: the record's fields with its typed values as text (no media field: a journal from before media was kept). */
    private record Stored(int position, String runId, boolean failed, String error, Map<Metric, String> metrics,
            List<StoredEvent> events, List<LoadSample> load, FleetFigures fleet, List<MediaSample> media) {
    }

    private record StoredEvent(long timeNanos, String node, EventKind kind, String detail) {
    }

    private RunRecordJson() {
    }

    static byte[] write(RunRecord record) throws IOException {
        Map<Metric, String> metrics = new EnumMap<>(Metric.class);
        record.metrics().forEach((metric, value) -> metrics.put(metric, value.text()));
        List<StoredEvent> events = record.events().stream()
                .map(e -> new StoredEvent(e.timeNanos(), e.node(), e.kind(), e.detail().text())).toList();
        return Json.mapper().writeValueAsBytes(new Stored(record.position(), record.runId(), record.failed(), record.error(),
                metrics, events, record.load(), record.fleet(), record.media()));
    }

    /** @throws IOException if the bytes are not a stored record, or hold a value its metric or event kind cannot have */
    static RunRecord read(byte[] bytes, int offset, int length) throws IOException {
        Stored stored = Json.mapper().readValue(bytes, offset, length, Stored.class);
        if (stored == null) {
            throw new IOException("a stored run record is a JSON object, was null");
        }
        try {
            Map<Metric, MetricValue> metrics = new EnumMap<>(Metric.class);
            stored.metrics().forEach((metric, text) -> metrics.put(metric, MetricValue.parse(metric, text)));
            List<RecordedEvent> events = stored.events().stream()
                    .map(e -> new RecordedEvent(e.timeNanos(), e.node(), EventDetail.parse(e.kind(), e.detail()))).toList();
            return new RunRecord(stored.position(), stored.runId(), stored.failed(), stored.error(), metrics, events,
                    stored.load(), stored.fleet(), stored.media());
        } catch (IllegalArgumentException e) {
            throw new IOException("stored run record of " + stored.runId() + ": " + e.getMessage(), e);
        }
    }

    static RunRecord read(byte[] bytes) throws IOException {
        return read(bytes, 0, bytes.length);
    }
}
