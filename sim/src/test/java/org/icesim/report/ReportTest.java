package org.icesim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.icesim.cli.IcesimCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a small real batch: every chart is on the page, written, a PNG of the right size. */
class ReportTest {

    @TempDir
    static Path results;

    private static String html;

    @BeforeAll
    static void reportOfASmallBatch() throws IOException {
        // Alice restarts 2 s after ICE reports disconnected, so every run has detection times for the
        // detection chart (with the scenario's own policy the announced handover restarts before ICE
        // notices anything).
        int batch = IcesimCommand.commandLine().execute("batch", "../scenarios/wifi-to-cellular.yaml", "--seeds", "2",
                "--set", "peers.alice.policy=on-disconnected(2s)", "--events", "--load-interval", "1s", "--progress",
                "off", "--overwrite", "--out", results.toString());
        assertThat(batch).isZero();
        int report = IcesimCommand.commandLine().execute("report", results.toString(), "--run", "wifi-to-cellular/p1/s0");
        assertThat(report).isZero();
        html = Files.readString(results.resolve("report/index.html"));
    }

    @Test
    void thePageShowsEveryExpectedChartAndEachFileIsAReadablePngOfTheDrawnSize() throws IOException {
        List<String> expected = new ArrayList<>(List.of("timeline-wifi-to-cellular_p1_s0.png",
                "timeline-wifi-to-cellular_p1_s0-fault-window.png", "detection.png",
                "turn-share.png", "capacity-allocations-1.png", "capacity-bandwidth-1.png"));
        for (var metric : Report.CDF_METRICS) {
            expected.add("cdf-" + metric.column() + "-1.png");
        }
        for (var metric : Report.BOX_METRICS) {
            expected.add("box-" + metric.column() + ".png");
        }
        assertThat(images()).containsExactlyInAnyOrderElementsOf(expected);
        for (String file : expected) {
            Path png = results.resolve("report").resolve(file);
            assertThat(png).isNotEmptyFile();
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(file).isNotNull();
            assertThat(image.getWidth()).as(file).isEqualTo(file.startsWith("timeline")
                    ? ChartStyle.WIDTH + 240 : ChartStyle.WIDTH);
            assertThat(image.getHeight()).as(file).isGreaterThanOrEqualTo(ChartStyle.HEIGHT / 2);
        }
        try (Stream<Path> written = Files.list(results.resolve("report"))) {
            assertThat(written.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".png")))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void theCaptionsSayHowManyRunsAndThePageHasTheSummaryTable() {
        // 3 sweep points (cell.delay) x 2 seeds
        assertThat(html).contains("6 runs in 3 groups");
        assertThat(html).contains("6 runs with a value in 3 groups");
        assertThat(html).contains("<th>restart latency median [CI]</th>");
        assertThat(html).contains("<td>wifi-to-cellular cell.delay=80ms</td>");
        assertThat(html).contains("no NAT-pair heat map");
        assertThat(html).contains("below them, the media rate each peer received, in Mbit/s per 100.0 ms interval");
        assertThat(html).doesNotContain("http://", "https://");
    }

    @Test
    void anUnknownRunIsRefusedWithTheRunIdsShape() {
        var err = new java.io.StringWriter();
        var cli = IcesimCommand.commandLine();
        cli.setErr(new java.io.PrintWriter(err));
        assertThat(cli.execute("report", results.toString(), "--run", "nope/p0/s0", "--overwrite")).isNotZero();
        assertThat(err.toString()).contains("no events of run 'nope/p0/s0'").contains("wifi-to-cellular/p0/s0");
    }

    private static List<String> images() {
        List<String> files = new ArrayList<>();
        Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        while (img.find()) {
            files.add(img.group(1));
        }
        return files;
    }
}
