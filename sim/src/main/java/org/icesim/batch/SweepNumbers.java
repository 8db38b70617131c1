package org.icesim.batch;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.icesim.metrics.RunResult;
import org.icesim.scenario.yaml.Quantities;

/**
 * The numeric companions of runs.csv's swept columns (docs/results-format.md): a key whose every
 * swept value is a duration, a percentage, a bit rate or a size gets a second column holding the
 * number without its unit, named after the key and the unit ({@code links.cell.delay} →
 * {@code links.cell.delay_ms}), beside the text value, so pandas reads it as a number. Scenario
 * keys are kebab-case and never hold {@code _}, so a companion's name cannot clash with a key.
 */
public final class SweepNumbers {

    /** What a companion column holds. */
    enum Unit {
        MS("_ms", text -> RunResult.millisText(Quantities.duration(text))),
        PCT("_pct", text -> {
            if (!text.endsWith("%")) {
                throw new IllegalArgumentException(text);
            }
            Quantities.ratio(text);
            return new BigDecimal(text.substring(0, text.length() - 1).trim()).stripTrailingZeros().toPlainString();
        }),
        BPS("_bps", text -> Long.toString(Quantities.bitRate(text))),
        BYTES("_bytes", text -> Long.toString(Quantities.bytes(text)));

        private final String suffix;
        private final Function<String, String> number;

        Unit(String suffix, Function<String, String> number) {
            this.suffix = suffix;
            this.number = number;
        }

        Optional<String> number(String text) {
            try {
                return Optional.of(number.apply(text));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** One companion: the swept key it belongs to and its unit. */
    record Column(String key, Unit unit) {
        String name() {
            return key + unit.suffix;
        }
    }

    private final List<Column> columns;

    private SweepNumbers(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /** The companions of {@code keys} over the parameter values of every run (or group) of a result set. */
    static SweepNumbers of(List<String> keys, Collection<Map<String, String>> parameters) {
        List<Column> columns = new ArrayList<>();
        for (String key : keys) {
            List<String> values = parameters.stream().map(p -> p.get(key)).filter(v -> v != null && !v.isEmpty()).toList();
            if (values.isEmpty()) {
                continue;
            }
            for (Unit unit : Unit.values()) {
                if (values.stream().allMatch(v -> unit.number(v).isPresent())) {
                    columns.add(new Column(key, unit));
                    break;
                }
            }
        }
        return new SweepNumbers(columns);
    }

    /** The companion columns' names, in the order of their keys. */
    List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** A run's companion cells: its values as numbers, empty where its scenario does not sweep the key. */
    List<String> cells(Map<String, String> parameters) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (Column column : columns) {
            String text = parameters.get(column.key());
            cells.put(column.name(), text == null || text.isEmpty() ? "" : column.unit().number(text).orElse(""));
        }
        return List.copyOf(cells.values());
    }

    /** Whether a runs.csv column between {@code point} and {@code seed_index} is a companion rather than a swept key. */
    static boolean isCompanion(String column) {
        return column.contains("_");
    }
}
