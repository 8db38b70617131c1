package org.icesim.scenario.yaml;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, located reading of one YAML map. Each getter records a problem (never throws) when the
 * value is missing or malformed and returns the default, so a whole file is checked in one pass;
 * {@link #finish()} reports keys nobody asked for, with the nearest valid key for typos.
 */
public final class MapView {
    private final YamlNode.YamlMap map;
    private final String path;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();

    public MapView(YamlNode.YamlMap map, String path, Problems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    /** Reads {@code node} as a map, or records that it must be one. */
    public static Optional<MapView> of(YamlNode node, String path, Problems problems) {
        if (node instanceof YamlNode.YamlMap m) {
            return Optional.of(new MapView(m, path, problems));
        }
        problems.add(node.location(), path, "must be a map of keys, was " + node.kind());
        return Optional.empty();
    }

    public String path() {
        return path;
    }

    public SourceLocation location() {
        return map.location();
    }

    public Problems problems() {
        return problems;
    }

    /** The path of a child key, for messages. */
    public String pathOf(String key) {
        return key.isEmpty() ? path : path.isEmpty() ? key : path + "." + key;
    }

    /** Marks {@code key} as allowed and returns its node if present. */
    public Optional<YamlNode> node(String key) {
        known.add(key);
        return Optional.ofNullable(map.get(key));
    }

    public boolean has(String key) {
        known.add(key);
        return map.get(key) != null;
    }

    /** Where {@code key}'s value stands, or where this map starts if the key is absent. */
    public SourceLocation locationOf(String key) {
        YamlNode node = map.get(key);
        return node == null ? map.location() : node.location();
    }

    public Set<String> keys() {
        return map.entries().keySet();
    }

    /** Parses a scalar with {@code parser}; a parser's IllegalArgumentException becomes a problem. */
    public <T> T scalar(String key, T defaultValue, Function<String, T> parser) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return defaultValue;
        }
        return parse(node.get(), pathOf(key), defaultValue, parser, problems);
    }

    /** Like {@link #scalar} but records a problem when the key is absent. */
    public <T> T required(String key, T placeholder, String form, Function<String, T> parser) {
        if (!has(key)) {
            problems.add(map.location(), pathOf(key), "is required: " + form);
            return placeholder;
        }
        return scalar(key, placeholder, parser);
    }

    public String string(String key, String defaultValue) {
        return scalar(key, defaultValue, Function.identity());
    }

    public long duration(String key, long defaultNanos) {
        return scalar(key, defaultNanos, Quantities::duration);
    }

    public double ratio(String key, double defaultValue) {
        return scalar(key, defaultValue, Quantities::ratio);
    }

    public long bitRate(String key, long defaultValue) {
        return scalar(key, defaultValue, Quantities::bitRate);
    }

    public long bytes(String key, long defaultValue) {
        return scalar(key, defaultValue, Quantities::bytes);
    }

    public boolean bool(String key, boolean defaultValue) {
        return scalar(key, defaultValue, text -> switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        });
    }

    public long integer(String key, long defaultValue, long min, long max) {
        return scalar(key, defaultValue, text -> {
            long value;
            try {
                value = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a whole number in " + min + ".." + max);
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(value + " is out of range: allowed " + min + ".." + max);
            }
            return value;
        });
    }

    /** A decimal number in [min, max]. */
    public double decimal(String key, double defaultValue, double min, double max) {
        return scalar(key, defaultValue, text -> parseDecimal(text, min, max));
    }

    public static double parseDecimal(String text, double min, double max) {
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number in [" + min + ", " + max + "]");
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(text + " is out of range: allowed [" + min + ", " + max + "]");
        }
        return value;
    }

    /** One of named choices; the message lists them and suggests the nearest. */
    public <T> T choice(String key, T defaultValue, Map<String, T> choices) {
        return scalar(key, defaultValue, text -> choose(text, choices));
    }

    public static <T> T choose(String text, Map<String, T> choices) {
        T value = choices.get(text);
        if (value == null) {
            throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", choices.keySet())
                    + Suggestions.didYouMean(text, choices.keySet()));
        }
        return value;
    }

    /** A nested map, if present (a problem if present but not a map). */
    public Optional<MapView> map(String key) {
        return node(key).flatMap(n -> of(n, pathOf(key), problems));
    }

    /** A nested list's items, empty if absent (a problem if present but not a list). */
    public List<YamlNode> list(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty() || node.get() instanceof YamlNode.YamlScalar s && s.text() == null) {
            return List.of();
        }
        if (node.get() instanceof YamlNode.YamlList l) {
            return l.items();
        }
        problems.add(node.get().location(), pathOf(key), "must be a list, was " + node.get().kind());
        return List.of();
    }

    /** Records a problem at {@code key} (or at the map if the key is absent). */
    public void problem(String key, String message) {
        problems.add(locationOf(key), pathOf(key), message);
    }

    /** Reports every key of the map that no getter asked for. */
    public void finish() {
        for (Map.Entry<String, YamlNode.Entry> entry : map.entries().entrySet()) {
            if (!known.contains(entry.getKey())) {
                problems.add(entry.getValue().keyLocation(), pathOf(entry.getKey()),
                        "unknown key" + Suggestions.didYouMean(entry.getKey(), known)
                                + "; allowed here: " + String.join(", ", known));
            }
        }
    }

    /** Parses one scalar node, recording a problem instead of throwing. */
    public static <T> T parse(YamlNode node, String path, T defaultValue, Function<String, T> parser, Problems problems) {
        if (!(node instanceof YamlNode.YamlScalar scalar) || scalar.text() == null) {
            problems.add(node.location(), path, "must be a single value, was " + node.kind());
            return defaultValue;
        }
        try {
            return parser.apply(scalar.text());
        } catch (IllegalArgumentException e) {
            problems.add(node.location(), path, e.getMessage());
            return defaultValue;
        }
    }
}
