package org.icesim.stats;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.util.List;

/** The content of summary.json: {@code {"batch": name, "groups": [GroupSummary...]}}. */
@JsonPropertyOrder({"batch", "groups"})
public record SummaryJson(String batch, List<GroupSummary> groups) {

    public SummaryJson {
        groups = List.copyOf(groups);
    }

    public byte[] bytes() throws IOException {
        return Json.bytes(this);
    }
}
