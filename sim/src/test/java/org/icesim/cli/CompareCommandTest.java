package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.icesim.batch.FakeExecutor;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.TestScenarios;
import org.icesim.kernel.Durations;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RunOutput;
import org.icesim.metrics.RunResult;
import org.icesim.world.RunExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code icesim compare} as a CI job runs it: exit statuses 0 pass, 1 regression, 2 invalid input, and every format. */
class CompareCommandTest {

    @TempDir
    Path dir;

    private Path scenario;
    private Path baseline;

    /** The fake executor with restart latencies stretched by {@code factor}. */
    private static RunExecutor stretched(double factor) {
        return (point, seed, options) -> {
            RunOutput output = FakeExecutor.instant().run(point, seed, options);
            RunResult result = output.result();
            long latency = Math.round(Double.parseDouble(result.text(Metric.RESTART_LATENCY_MS)) * factor * Durations.NANOS_PER_MILLI);
            result.putNanos(Metric.RESTART_LATENCY_MS, latency);
            return output;
        };
    }

    @BeforeEach
    void baseline() throws Exception {
        scenario = TestScenarios.write(dir, "alpha", 30, "5ms", "50ms");
        baseline = dir.resolve("baseline");
        assertThat(CliRun.icesim(FakeExecutor::instant, "batch", "--out", baseline.toString(), scenario.toString()).status())
                .isZero();
    }

    private Path current(String name, RunExecutor executor, String... options) throws Exception {
        Path out = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("batch", "--out", out.toString()));
        args.addAll(List.of(options));
        args.add(scenario.toString());
        assertThat(CliRun.icesim(() -> executor, args.toArray(String[]::new)).status()).isZero();
        return out;
    }

    private CliRun compare(Path current, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("compare", baseline.toString(), current.toString()));
        args.addAll(List.of(options));
        return CliRun.icesim(FakeExecutor::instant, args.toArray(String[]::new));
    }

    @Test
    void helpNamesTheDefaultTolerancesAndTheRuleSyntaxWithSinglePercentSigns() {
        CliRun run = CliRun.icesim(FakeExecutor::instant, "compare", "--help");

        // picocli formats the description; an unescaped '%' makes it print the raw text, with "%%" in it
        String help = run.out().replaceAll("\\s+", " ");
        assertThat(help).contains("beyond +10% (median), +20% (p95) or +0 (share)", "'restart_latency_ms.p95: +5%'")
                .doesNotContain("%%");
    }

    @Test
    void aRerunOfTheSameCodePassesUnderTheDefaultRules() throws Exception {
        CliRun compare = compare(current("rerun", FakeExecutor.instant()));
        assertThat(compare.status()).as(compare.out() + compare.err()).isZero();
        assertThat(compare.out()).contains("rules:    defaults: every headline metric's median +10%, p95 +20%")
                .containsPattern("alpha/p0 links.lan.delay=5ms\\s+restart_latency_ms\\s+p95\\s+30→30.*permutation.*\\+20%\\s+same")
                .containsPattern("run_failed\\s+share\\s+30→30\\s+0.0%\\s+0.0%.*fisher")
                .contains("OK: no significant worsening beyond tolerance, nothing missing");
    }

    @Test
    void withoutRulesTheDefaultsFailASlowerRestart() throws Exception {
        CliRun compare = compare(current("slower", stretched(1.5)));
        assertThat(compare.status()).as(compare.out()).isEqualTo(ExitCodes.FOUND_FAILURES);
        assertThat(compare.out()).containsPattern("restart_latency_ms\\s+median\\s+30→30.*\\+10%\\s+FAIL")
                .contains("FAIL: ");
    }

    @Test
    void aRegressionBeyondTheToleranceFileFailsAndIsMarked() throws Exception {
        Path slower = current("slower", stretched(1.5));
        Path tolerance = Files.writeString(dir.resolve("tolerance.yaml"),
                "# how far each statistic may rise\nrestart_latency_ms.p95: +5%\nrestart_latency_ms.median: +60%\n");
        CliRun compare = compare(slower, "--tolerance", tolerance.toString(), "--no-default-rules");
        assertThat(compare.status()).isEqualTo(ExitCodes.FOUND_FAILURES);
        assertThat(compare.out())
                .containsPattern("alpha/p0 links.lan.delay=5ms\\s+restart_latency_ms\\s+median\\s+30→30.*\\+60%\\s+worse")
                .containsPattern("alpha/p0 links.lan.delay=5ms\\s+restart_latency_ms\\s+p95\\s+30→30.*\\+5%\\s+FAIL")
                .doesNotContain("recovery_ms")
                .contains("FAIL: 2 significant changes beyond tolerance");
    }

    @Test
    void anImprovementIsMarkedAndPasses() throws Exception {
        CliRun compare = compare(current("faster", stretched(0.5)), "--rule", "restart_latency_ms.p95=+5%");
        assertThat(compare.status()).isZero();
        assertThat(compare.out()).containsPattern("restart_latency_ms\\s+p95.*better");
    }

    @Test
    void theWildcardRuleAsDocumentedIsAccepted() throws Exception {
        CliRun compare = compare(current("slower", stretched(1.5)), "--rule", "*=+5%", "--no-default-rules");
        assertThat(compare.status()).as(compare.err()).isEqualTo(ExitCodes.FOUND_FAILURES);
        assertThat(compare.out()).contains("rules:    *: +5%").containsPattern("restart_latency_ms\\s+median.*\\+5%\\s+FAIL");
    }

    @Test
    void comparingUnrelatedResultSetsIsInvalidInput() throws Exception {
        Path other = TestScenarios.write(dir, "beta", 5);
        Path elsewhere = dir.resolve("elsewhere");
        assertThat(CliRun.icesim(FakeExecutor::instant, "batch", "--out", elsewhere.toString(), other.toString()).status())
                .isZero();
        CliRun compare = compare(elsewhere);
        assertThat(compare.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(compare.out()).isEmpty();
        assertThat(compare.err()).startsWith("icesim compare: nothing to compare: no group of the baseline is in the current set "
                + "(baseline: alpha/p0 links.lan.delay=5ms, alpha/p1 links.lan.delay=50ms; current: beta/p0)");
    }

    @Test
    void aCurrentSetWithoutRunsIsInvalidInput() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        String header = Files.readAllLines(baseline.resolve(ResultFiles.RUNS)).get(0);
        Files.writeString(empty.resolve(ResultFiles.RUNS), header + "\n");
        CliRun compare = compare(empty);
        assertThat(compare.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(compare.err()).isEqualTo("icesim compare: nothing to compare: the current set has no runs\n");
    }

    @Test
    void aCurrentSetMissingAGroupFailsUnlessMissingGroupsAreAllowed() throws Exception {
        Path partial = current("partial", FakeExecutor.instant(), "--filter", "links.lan.delay=5ms");
        CliRun strict = compare(partial);
        assertThat(strict.status()).isEqualTo(ExitCodes.FOUND_FAILURES);
        assertThat(strict.out()).contains("warning: group alpha/p1 links.lan.delay=50ms is in the baseline but has no runs in "
                + "the current set\n").contains("FAIL: 1 missing in the current set");
        CliRun allowed = compare(partial, "--allow-missing");
        assertThat(allowed.status()).isZero();
        assertThat(allowed.out()).contains("has no runs in the current set (allowed)");
    }

    @Test
    void aRuleForAMetricNeitherSetHasIsInvalidInput() throws Exception {
        CliRun compare = compare(current("rerun", FakeExecutor.instant()), "--rule", "calls_connected.median=+5%");
        assertThat(compare.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(compare.err()).isEqualTo("icesim compare: rule 'calls_connected.median: +5%': neither result set has a "
                + "value of calls_connected\n");
    }

    @Test
    void aToleranceBelowWhatTheRunsDetectWarnsAndFailsWhenPowerIsRequired() throws Exception {
        Path rerun = current("rerun", FakeExecutor.instant());
        CliRun warned = compare(rerun, "--rule", "recovery_ms.median=+1%");
        assertThat(warned.status()).isZero();
        assertThat(warned.out()).containsPattern("warning: 30 runs per group cannot detect a \\+1% rise in recovery_ms median "
                + "\\(in 2 of 2 groups; detectable: \\+\\d+\\.\\d%\\); about \\d+ are needed")
                .containsPattern("recovery_ms\\s+median.*\\+1%\\s+same, low power");
        CliRun required = compare(rerun, "--rule", "recovery_ms.median=+1%", "--require-power", "--no-default-rules");
        assertThat(required.status()).isEqualTo(ExitCodes.FOUND_FAILURES);
        assertThat(required.out()).contains("FAIL: 2 tolerances below what the runs can detect");
    }

    @Test
    void jsonOutputCarriesEveryStatisticWithItsTestPowerAndVerdict() throws Exception {
        CliRun compare = compare(current("slower", stretched(1.5)), "--format", "json");
        assertThat(compare.status()).isEqualTo(ExitCodes.FOUND_FAILURES);
        JsonNode json = new ObjectMapper().readTree(compare.out());
        assertThat(json.get("verdict").asText()).isEqualTo("fail");
        assertThat(json.get("exit_status").asInt()).isEqualTo(1);
        assertThat(json.get("baseline").get("runs").asInt()).isEqualTo(60);
        JsonNode statistics = json.get("statistics");
        assertThat(statistics.size()).isGreaterThan(20);
        JsonNode p95 = null;
        for (JsonNode statistic : statistics) {
            assertThat(statistic.has("verdict")).isTrue();
            if (statistic.get("group").asText().equals("alpha/p0") && statistic.get("metric").asText().equals("restart_latency_ms")
                    && statistic.get("stat").asText().equals("p95")) {
                p95 = statistic;
            }
        }
        assertThat(p95).isNotNull();
        assertThat(p95.get("test").asText()).isEqualTo("permutation");
        assertThat(p95.get("direction").asText()).isEqualTo("lower_is_better");
        assertThat(p95.get("verdict").asText()).isEqualTo("fail");
        assertThat(p95.get("fails").asBoolean()).isTrue();
        assertThat(p95.get("detectable").asDouble()).isPositive();
        assertThat(p95.get("rule").asText()).isEqualTo("+20%");
    }

    @Test
    void junitOutputHasOneTestCasePerGroupAndStatisticAndFailsTheRegressedOnes() throws Exception {
        Path junit = dir.resolve("compare.xml");
        Path markdown = dir.resolve("comment.md");
        CliRun compare = compare(current("slower", stretched(1.5)), "--write", "junit=" + junit, "--write",
                "markdown=" + markdown, "--format", "json");
        assertThat(compare.status()).isEqualTo(ExitCodes.FOUND_FAILURES);
        int statistics = new ObjectMapper().readTree(compare.out()).get("statistics").size();
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        NodeList cases = xml.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(statistics);
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo(Integer.toString(statistics));
        int failing = 0;
        boolean p95Failed = false;
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            if (testCase.getElementsByTagName("failure").getLength() > 0) {
                failing++;
                p95Failed |= testCase.getAttribute("classname").equals("alpha/p0 links.lan.delay=5ms")
                        && testCase.getAttribute("name").equals("restart_latency_ms.p95");
            }
        }
        assertThat(failing).isPositive().isEqualTo(Integer.parseInt(suite.getAttribute("failures")));
        assertThat(p95Failed).isTrue();
        assertThat(Files.readString(markdown)).startsWith("### icesim compare: ❌ FAIL: ")
                .contains("| group | metric | stat | n | baseline | current | change | p (Holm) | test | detectable | rule | verdict |")
                .containsPattern("\\| restart\\\\_latency\\\\_ms \\| p95 \\|.*\\| \\*\\*FAIL\\*\\* \\|")
                .contains("<details>");
    }

    @Test
    void aBadToleranceFileOrFormatIsInvalidInput() throws Exception {
        Path tolerance = Files.writeString(dir.resolve("tolerance.yaml"), "restart_latency_ms.p95: +5%\nrecovery_ms.p50: +5%\n");
        CliRun compare = compare(baseline, "--tolerance", tolerance.toString());
        assertThat(compare.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(compare.err()).contains("tolerance.yaml:2:1: recovery_ms.p50: statistic must be median, p95 or share, was 'p50'");
        CliRun format = compare(baseline, "--format", "xml");
        assertThat(format.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(format.err()).contains("format must be text, json, junit or markdown, was 'xml'");
    }
}
