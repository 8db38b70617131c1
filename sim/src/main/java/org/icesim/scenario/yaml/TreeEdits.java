package org.icesim.scenario.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Edits of a scenario tree by key path ({@code links.cell.delay}, {@code timeline.0.at}): what a
 * sweep point, a {@code --set key=value} override and {@code extends} do before binding, so
 * every key of a scenario can be varied without the binder knowing about sweeps. Trees are
 * immutable; each edit returns a new root.
 */
public final class TreeEdits {

    private TreeEdits() {
    }

    /**
     * Replaces (or adds, as the last key) the value at {@code path}. Every map on the way must
     * exist; the message of the IllegalArgumentException names the first missing step and the
     * nearest existing key.
     */
    public static YamlNode set(YamlNode root, String path, YamlNode value) {
        return set(root, path.split("\\.", -1), 0, value, path);
    }

    private static YamlNode set(YamlNode node, String[] steps, int depth, YamlNode value, String path) {
        String step = steps[depth];
        boolean last = depth == steps.length - 1;
        String prefix = String.join(".", java.util.Arrays.copyOf(steps, depth));
        if (node instanceof YamlNode.YamlMap map) {
            YamlNode.Entry entry = map.entries().get(step);
            if (entry == null && !last) {
                throw new IllegalArgumentException("key path '" + path + "': " + (prefix.isEmpty() ? "the scenario" : "'" + prefix + "'")
                        + " has no key '" + step + "'" + Suggestions.didYouMean(step, map.entries().keySet()));
            }
            Map<String, YamlNode.Entry> entries = new LinkedHashMap<>(map.entries());
            YamlNode replaced = last ? value : set(entry.value(), steps, depth + 1, value, path);
            entries.put(step, new YamlNode.Entry(entry == null ? value.location() : entry.keyLocation(), replaced));
            return new YamlNode.YamlMap(entries, map.location());
        }
        if (node instanceof YamlNode.YamlList list) {
            int index;
            try {
                index = Integer.parseInt(step);
            } catch (NumberFormatException e) {
                index = -1;
            }
            if (index < 0 || index >= list.items().size()) {
                throw new IllegalArgumentException("key path '" + path + "': '" + prefix + "' is a list of "
                        + list.items().size() + " items; '" + step + "' is not an index in 0.." + (list.items().size() - 1));
            }
            List<YamlNode> items = new ArrayList<>(list.items());
            items.set(index, last ? value : set(items.get(index), steps, depth + 1, value, path));
            return new YamlNode.YamlList(items, list.location());
        }
        throw new IllegalArgumentException("key path '" + path + "': '" + prefix + "' is a single value, it has no key '" + step + "'");
    }

    /**
     * Lays {@code overlay} over {@code base}: maps merge key by key (recursively), anything else in
     * the overlay replaces the base's value. Keys keep the base's order, new keys follow.
     */
    public static YamlNode merge(YamlNode base, YamlNode overlay) {
        if (base instanceof YamlNode.YamlMap baseMap && overlay instanceof YamlNode.YamlMap overMap) {
            Map<String, YamlNode.Entry> entries = new LinkedHashMap<>(baseMap.entries());
            for (Map.Entry<String, YamlNode.Entry> e : overMap.entries().entrySet()) {
                YamlNode.Entry under = entries.get(e.getKey());
                YamlNode merged = under == null ? e.getValue().value() : merge(under.value(), e.getValue().value());
                entries.put(e.getKey(), new YamlNode.Entry(e.getValue().keyLocation(), merged));
            }
            return new YamlNode.YamlMap(entries, overMap.location());
        }
        return overlay;
    }

    /** The map without {@code key}. */
    public static YamlNode.YamlMap without(YamlNode.YamlMap map, String key) {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>(map.entries());
        entries.remove(key);
        return new YamlNode.YamlMap(entries, map.location());
    }
}
