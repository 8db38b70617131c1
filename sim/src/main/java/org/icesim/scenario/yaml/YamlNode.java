package org.icesim.scenario.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario file as a tree that remembers where each value came from, so every error can name
 * file, line and column. Scalars keep their text; the binder decides what type they must be.
 */
public sealed interface YamlNode {

    SourceLocation location();

    /** A short word for error messages: "a map", "a list", "a value". */
    String kind();

    /** A mapping; keys in file order. */
    record YamlMap(Map<String, Entry> entries, SourceLocation location) implements YamlNode {
        public YamlMap {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public YamlNode get(String key) {
            Entry entry = entries.get(key);
            return entry == null ? null : entry.value();
        }

        @Override
        public String kind() {
            return "a map";
        }
    }

    /** One key of a map with the location of the key itself. */
    record Entry(SourceLocation keyLocation, YamlNode value) {
    }

    record YamlList(List<YamlNode> items, SourceLocation location) implements YamlNode {
        public YamlList {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar; {@code text} is null for YAML null ({@code ~}, {@code null} or nothing). */
    record YamlScalar(String text, SourceLocation location) implements YamlNode {
        @Override
        public String kind() {
            return text == null ? "null" : "a value";
        }
    }
}
