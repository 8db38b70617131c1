package org.icesim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.icesim.stats.FidelityCell;
import org.icesim.stats.FidelityRule;
import org.icesim.stats.FidelityTally;

/**
 * {@code DIR/index.html} of a fidelity comparison: per real baseline, the chart of simulated
 * against real medians and the table of every cell with its verdict.
 */
public final class FidelityReport {

    /**
     * One baseline's comparison as the page shows it.
     *
     * @param name  e.g. {@code chromium-120.0 vs libwebrtc}, also the chart's file name stem
     * @param notes lines shown under the table (allow-list entries, unpaired groups)
     */
    public record Section(String name, String description, List<FidelityCell> cells, List<String> notes) {
        public Section {
            cells = List.copyOf(cells);
            notes = List.copyOf(notes);
        }
    }

    private FidelityReport() {
    }

    /** Writes the page and its charts into {@code directory} and returns the page's path. */
    public static Path write(Path directory, String suite, List<Section> sections) throws IOException {
        Files.createDirectories(directory);
        HtmlPage page = new HtmlPage("icesim fidelity: " + suite);
        page.paragraph("Each cell is one metric of one case of the fidelity suite at one round trip: the median over the "
                + "simulated runs against the median over the real stack's runs. A cell passes within ±"
                + Math.round(FidelityRule.RELATIVE * 100) + " % of the real median or ±1 round trip, whichever is larger; "
                + "'never' (at least half of the runs without the event) must stay never, and a value must stay a value.");
        for (Section section : sections) {
            page.heading(2, section.name());
            page.paragraph(section.description());
            FidelityPoints points = FidelityPoints.of(section.cells());
            String file = "fidelity-" + section.name().replaceAll("[^A-Za-z0-9._-]+", "-") + ".png";
            ChartStyle.save(FidelityChart.draw("Simulated vs real median, " + section.name(), points),
                    directory.resolve(file), ChartStyle.WIDTH, ChartStyle.WIDTH);
            page.figure(new Figure(file, section.name(), "One dot per cell with a value on both sides ("
                    + (section.cells().size() - points.withoutPoint()) + " of " + section.cells().size()
                    + " cells; the others are never or unmeasured on a side, see the table), coloured by metric; ringed: "
                    + "outside tolerance. On the dashed diagonal the simulator matches the real stack. Medians under "
                    + (int) FidelityPoints.FLOOR_MS + " ms are drawn at " + (int) FidelityPoints.FLOOR_MS + " ms."));
            page.paragraph(FidelityTally.of(section.cells()).toString());
            page.table(List.of("case", "RTT (ms)", "metric", "simulated (ms)", "real (ms)", "runs sim/real",
                    "tolerance (ms)", "verdict", "why"), rows(section.cells()));
            section.notes().forEach(page::note);
        }
        Path index = directory.resolve(Report.INDEX);
        Files.writeString(index, page.html(), StandardCharsets.UTF_8);
        return index;
    }

    private static List<List<String>> rows(List<FidelityCell> cells) {
        List<List<String>> rows = new ArrayList<>();
        for (FidelityCell cell : cells) {
            rows.add(List.of(cell.group().scenario(), String.format(Locale.ROOT, "%.0f", cell.rttMs()),
                    cell.metric().column(), cell.simulated().text(), cell.real().text(),
                    cell.simulated().runs() + "/" + cell.real().runs(),
                    cell.toleranceMs() == null ? "-" : String.format(Locale.ROOT, "%.1f", cell.toleranceMs()),
                    cell.verdict().word(), cell.knownReason().isEmpty() ? cell.reason() : cell.knownReason()));
        }
        return rows;
    }
}
