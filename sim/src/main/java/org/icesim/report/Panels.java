package org.icesim.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Splits the lines of a chart over several charts so that each stays readable: items of one
 * family (the groups of one scenario) stay together where they fit, families are packed in order.
 */
public final class Panels {

    private Panels() {
    }

    public static <T> List<List<T>> pack(List<T> items, Function<T, String> family, int maxPerPanel) {
        if (maxPerPanel < 1) {
            throw new IllegalArgumentException("maxPerPanel must be at least 1, was " + maxPerPanel);
        }
        Map<String, List<T>> families = new LinkedHashMap<>();
        for (T item : items) {
            families.computeIfAbsent(family.apply(item), f -> new ArrayList<>()).add(item);
        }
        List<List<T>> panels = new ArrayList<>();
        List<T> current = new ArrayList<>();
        for (List<T> members : families.values()) {
            if (!current.isEmpty() && current.size() + members.size() > maxPerPanel) {
                panels.add(current);
                current = new ArrayList<>();
            }
            for (T member : members) {
                if (current.size() == maxPerPanel) {
                    panels.add(current);
                    current = new ArrayList<>();
                }
                current.add(member);
            }
        }
        if (!current.isEmpty()) {
            panels.add(current);
        }
        return panels;
    }
}
