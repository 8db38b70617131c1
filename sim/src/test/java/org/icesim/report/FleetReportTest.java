package org.icesim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icesim.cli.IcesimCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of capacity-1k, cut to a minute and swept over 20 and 40 calls: what it draws is
 * load.csv's fleet figures, once (not the server rows and their total added together), and a
 * planner finds calls, per-server load, storms, distributions and the TURN sizing chart.
 */
class FleetReportTest {

    @TempDir
    static Path dir;

    private static Path results;
    private static String html;

    @BeforeAll
    static void reportOfASweptFleet() throws IOException {
        Path scenario = dir.resolve("capacity-sweep.yaml");
        Files.writeString(scenario, "name: capacity-sweep\nextends: "
                + Path.of("../scenarios/capacity/capacity-1k.yaml").toAbsolutePath().normalize()
                + "\nduration: 60s\nfleet: {ramp: 20s}\nsweep: {fleet.calls: [20, 40]}\n");
        results = dir.resolve("results");
        int batch = IcesimCommand.commandLine().execute("batch", scenario.toString(), "--load-interval", "10s",
                "--progress", "off", "--out", results.toString());
        assertThat(batch).isZero();
        int report = IcesimCommand.commandLine().execute("report", results.toString(), "--turn-capacity", "15");
        assertThat(report).isZero();
        html = Files.readString(results.resolve("report/index.html"));
    }

    /** load.csv's rows as maps of column → text. */
    private static List<Map<String, String>> loadCsv() throws IOException {
        List<String> lines = Files.readAllLines(results.resolve("load.csv"));
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** A chart's data file as "group@t_ms" → mean. */
    private static Map<String, Double> drawn(String file) throws IOException {
        Map<String, Double> points = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(results.resolve("report").resolve(file));
        assertThat(lines.get(0)).isEqualTo(String.join(",", ChartData.COLUMNS));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            points.put(cells[0] + "@" + Double.parseDouble(cells[1]), Double.parseDouble(cells[2]));
        }
        return points;
    }

    private static String group(String runId) {
        return runId.startsWith("capacity-sweep/p0/") ? "capacity-sweep calls=20" : "capacity-sweep calls=40";
    }

    @Test
    void theDrawnTotalsAreLoadCsvsFleetRowsWhichAreTheSumsOfTheServerRows() throws IOException {
        List<Map<String, String>> load = loadCsv();
        Map<String, Double> live = new LinkedHashMap<>();
        Map<String, Double> mbps = new LinkedHashMap<>();
        Map<String, Long> serverSum = new LinkedHashMap<>();
        for (Map<String, String> row : load) {
            String key = group(row.get("run_id")) + "@" + Double.parseDouble(row.get("t_ms"));
            if (row.get("scope").equals("fleet")) {
                live.put(key, Double.parseDouble(row.get("live_allocations")));
                mbps.put(key, Double.parseDouble(row.get("relayed_mbps")));
            } else {
                serverSum.merge(key, Long.parseLong(row.get("live_allocations")), Long::sum);
            }
        }
        assertThat(live).hasSize(12);
        assertThat(live.values().stream().mapToDouble(Double::doubleValue).max().orElse(0)).isPositive();
        serverSum.forEach((key, sum) -> assertThat(live.get(key)).as(key).isEqualTo(sum.doubleValue()));
        assertThat(drawn("capacity-allocations-1.csv")).isEqualTo(live);
        assertThat(drawn("capacity-bandwidth-1.csv")).isEqualTo(mbps);
    }

    @Test
    void loadCsvGivesMbitPerSecondPacketsPerSecondAndTheInterval() throws IOException {
        for (Map<String, String> row : loadCsv()) {
            assertThat(row.get("interval_ms")).isEqualTo("10000");
            double bytes = Double.parseDouble(row.get("relayed_bytes"));
            assertThat(Double.parseDouble(row.get("relayed_mbps"))).isCloseTo(bytes * 8 / 10 / 1e6,
                    org.assertj.core.api.Assertions.within(1e-6));
            assertThat(Double.parseDouble(row.get("relayed_pps")))
                    .isCloseTo(Double.parseDouble(row.get("relayed_packets")) / 10, org.assertj.core.api.Assertions.within(1e-3));
            boolean fleet = row.get("scope").equals("fleet");
            assertThat(row.get("server").isEmpty()).isEqualTo(fleet);
            assertThat(row.get("restarts").isEmpty()).isEqualTo(!fleet);
            assertThat(row.get("calls_up").isEmpty()).isEqualTo(!fleet);
        }
    }

    @Test
    void thePlannerSeesCallsServersStormsDistributionsAndTheSizingChart() throws IOException {
        for (String png : List.of("fleet-1-calls.png", "fleet-1-server-allocations.png", "fleet-1-server-mbps.png",
                "fleet-1-restarts.png", "fleet-2-calls.png", "fleet-cdf-recovery_ms.png", "fleet-turn-sizing.png")) {
            assertThat(results.resolve("report").resolve(png)).as(png).isNotEmptyFile();
        }
        assertThat(html).contains("<th>TURN share at end</th>", "<td>capacity-sweep calls=40</td>", "turn-1: peak ");
        assertThat(html).contains("With 15 allocations per server, the runs need: 20 calls → ");
        // The per-call sections do not apply to fleets, and say so instead of showing empty charts.
        assertThat(html).doesNotContain("No run has a restart latency", "Runs that used TURN");
    }
}
