package org.icesim.batch;

import java.nio.file.Path;
import java.util.List;
import org.icesim.stats.GroupSummary;

/** A completed result set: its size and the statistics written to summary.json. */
public record Completion(Path directory, int runs, int failed, List<GroupSummary> groups) {

    public Completion {
        groups = List.copyOf(groups);
    }
}
