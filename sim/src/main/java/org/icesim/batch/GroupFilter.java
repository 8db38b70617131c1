package org.icesim.batch;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Selects groups (scenario × sweep point) of a batch. A filter is one or more conditions joined
 * by commas, all of which must hold:
 * <ul>
 * <li>{@code key=value}: the swept key path has that value as written in the scenario file
 *     ({@code links.cell.delay=80ms}); {@code scenario=name} matches the scenario name;</li>
 * <li>a glob with {@code *}, {@code ?} and {@code [...]} (not {@code {a,b}}: commas separate
 *     conditions): without a slash it matches the scenario name ({@code wifi-*}), with one the
 *     group id {@code <scenario>/p<point>} ({@code wifi-to-cellular/p[0-2]}).</li>
 * </ul>
 * A batch given several filters runs the groups that match any of them.
 */
public final class GroupFilter {

    private final String text;
    private final List<Condition> conditions;

    private GroupFilter(String text, List<Condition> conditions) {
        this.text = text;
        this.conditions = List.copyOf(conditions);
    }

    public static GroupFilter parse(String text) {
        List<Condition> conditions = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String condition = part.strip();
            if (condition.isEmpty()) {
                throw new IllegalArgumentException("filter must be key=value or a glob of scenario names, "
                        + "joined by commas, was '" + text + "'");
            }
            int equals = condition.indexOf('=');
            if (equals > 0) {
                conditions.add(new Equals(condition.substring(0, equals).strip(), condition.substring(equals + 1).strip()));
            } else {
                conditions.add(new Glob(condition.contains("/"),
                        FileSystems.getDefault().getPathMatcher("glob:" + condition)));
            }
        }
        return new GroupFilter(text, conditions);
    }

    public boolean matches(String scenario, int point, Map<String, String> parameters) {
        return conditions.stream().allMatch(c -> c.matches(scenario, point, parameters));
    }

    @Override
    public String toString() {
        return text;
    }

    private sealed interface Condition permits Equals, Glob {
        boolean matches(String scenario, int point, Map<String, String> parameters);
    }

    private record Equals(String key, String value) implements Condition {
        @Override
        public boolean matches(String scenario, int point, Map<String, String> parameters) {
            return key.equals("scenario") ? scenario.equals(value) : value.equals(parameters.get(key));
        }
    }

    private record Glob(boolean groupId, PathMatcher matcher) implements Condition {
        @Override
        public boolean matches(String scenario, int point, Map<String, String> parameters) {
            return matcher.matches(Path.of(groupId ? scenario + "/p" + point : scenario));
        }
    }
}
