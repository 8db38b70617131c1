package org.icesim.report;

import java.util.StringJoiner;
import org.icesim.stats.GroupKey;

/** Short names of groups for legends and axes: "profile-comparison alice.profile=pion" (the
 * swept key path without its first segment). */
public final class GroupLabels {

    private GroupLabels() {
    }

    public static String of(GroupKey group) {
        if (group.parameters().isEmpty()) {
            return group.scenario();
        }
        StringJoiner label = new StringJoiner(" ", group.scenario() + " ", "");
        group.parameters().forEach((path, value) -> label.add(withoutSection(path) + "=" + value));
        return label.toString();
    }

    private static String withoutSection(String path) {
        return path.substring(path.indexOf('.') + 1);
    }
}
