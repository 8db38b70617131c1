package org.icesim.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: the leading text columns left-aligned, the others right-aligned, two spaces apart. */
final class TextTable {

    private final int leftAligned;
    private boolean lastLeftAligned;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table whose first column is text and the others numbers. */
    TextTable(String... header) {
        this(1, header);
    }

    /** A table whose first {@code leftAligned} columns are text. */
    TextTable(int leftAligned, String... header) {
        this.leftAligned = leftAligned;
        this.header = List.of(header);
    }

    /** Aligns the last column left too: a column of free text after the numbers. */
    TextTable withTextLast() {
        lastLeftAligned = true;
        return this;
    }

    TextTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row must have " + header.size() + " cells, had " + cells.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out, String indent) {
        int[] widths = new int[header.size()];
        for (List<String> row : allRows()) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : allRows()) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                boolean left = i < leftAligned || lastLeftAligned && i == row.size() - 1;
                line.append(left ? cell + pad : pad + cell);
                if (i < row.size() - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private List<List<String>> allRows() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    /** A number for a table: at most three decimals, no trailing zeros; "-" for none. */
    static String number(Double value) {
        if (value == null) {
            return "-";
        }
        if (value.isNaN() || value.isInfinite()) {
            return value.toString();
        }
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /** A share as a percentage with one decimal: 0.1234 → "12.3%". */
    static String percent(Double share) {
        if (share == null) {
            return "-";
        }
        return BigDecimal.valueOf(share * 100).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }
}
