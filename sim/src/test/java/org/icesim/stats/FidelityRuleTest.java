package org.icesim.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The fidelity rule of design.md §5: ±10 % or ±1 RTT, whichever is larger; never stays never. */
class FidelityRuleTest {

    private static CellMedian value(double ms) {
        return CellMedian.of(new double[] {ms}, 0);
    }

    private static final CellMedian NEVER = CellMedian.of(new double[0], 3);
    private static final CellMedian UNMEASURED = CellMedian.of(new double[0], 0);

    @Test
    void theToleranceIsTenPercentOfTheRealMedianOrOneRoundTripWhicheverIsLarger() {
        assertThat(FidelityRule.toleranceMs(1000, 80)).isEqualTo(100);
        assertThat(FidelityRule.toleranceMs(500, 80)).isEqualTo(80);
        assertThat(FidelityRule.toleranceMs(0, 20)).isEqualTo(20);
        assertThat(FidelityRule.toleranceMs(15_000, 200)).isEqualTo(1500);
    }

    @Test
    void aMedianExactlyAtTheToleranceEitherWayPassesAndJustBeyondFails() {
        assertThat(FidelityRule.judge(value(1100), value(1000), 80).verdict()).isEqualTo(FidelityVerdict.PASS);
        assertThat(FidelityRule.judge(value(900), value(1000), 80).verdict()).isEqualTo(FidelityVerdict.PASS);
        assertThat(FidelityRule.judge(value(1100.5), value(1000), 80).verdict()).isEqualTo(FidelityVerdict.FAIL);
        assertThat(FidelityRule.judge(value(899.5), value(1000), 80).verdict()).isEqualTo(FidelityVerdict.FAIL);
        // Short times: one round trip (200 ms) is more than 10 % of 300 ms.
        assertThat(FidelityRule.judge(value(500), value(300), 200).verdict()).isEqualTo(FidelityVerdict.PASS);
        FidelityRule.Judgement beyond = FidelityRule.judge(value(501), value(300), 200);
        assertThat(beyond.verdict()).isEqualTo(FidelityVerdict.FAIL);
        assertThat(beyond.toleranceMs()).isEqualTo(200);
        assertThat(beyond.reason()).isEqualTo("off by more than the tolerance");
    }

    @Test
    void neverMustStayNeverAndAValueMustStayAValue() {
        assertThat(FidelityRule.judge(NEVER, NEVER, 80).verdict()).isEqualTo(FidelityVerdict.PASS);
        FidelityRule.Judgement simulatedRecovers = FidelityRule.judge(value(25_000), NEVER, 80);
        assertThat(simulatedRecovers.verdict()).isEqualTo(FidelityVerdict.FAIL);
        assertThat(simulatedRecovers.reason()).isEqualTo("real never, simulated a value");
        FidelityRule.Judgement simulatedNever = FidelityRule.judge(NEVER, value(5000), 80);
        assertThat(simulatedNever.verdict()).isEqualTo(FidelityVerdict.FAIL);
        assertThat(simulatedNever.reason()).isEqualTo("real a value, simulated never");
        assertThat(simulatedNever.toleranceMs()).isNull();
    }

    @Test
    void aCellWithoutRealRunsFails() {
        FidelityRule.Judgement judgement = FidelityRule.judge(value(100), UNMEASURED, 80);
        assertThat(judgement.verdict()).isEqualTo(FidelityVerdict.FAIL);
        assertThat(judgement.reason()).isEqualTo("no real runs");
    }

    @Test
    void theMedianCountsRunsWithoutAValueAsNeverSortedLast() {
        // 3 runs, one never: the order statistics are 100, 300, never; the median is 300.
        assertThat(CellMedian.of(new double[] {300, 100}, 1).median()).isEqualTo(300);
        // 4 runs, one never: the mean of the 2nd and 3rd of 1, 2, 3, never.
        assertThat(CellMedian.of(new double[] {3, 1, 2}, 1).median()).isEqualTo(2.5);
        // At least half never: the median is never.
        assertThat(CellMedian.of(new double[] {100}, 1).isNever()).isTrue();
        assertThat(CellMedian.of(new double[] {100}, 2).isNever()).isTrue();
        assertThat(CellMedian.of(new double[] {100, 200}, 2).isNever()).isTrue();
        assertThat(CellMedian.of(new double[] {100, 200, 400}, 2).median()).isEqualTo(400);
        assertThat(CellMedian.of(new double[] {5, 1, 3}, 0).median()).isEqualTo(3);
        assertThat(UNMEASURED.isNever()).isFalse();
        assertThat(UNMEASURED.text()).isEqualTo("-");
        assertThat(NEVER.text()).isEqualTo("never");
        assertThat(value(1234.56).text()).isEqualTo("1234.6");
    }

    @Test
    void aMedianThatContradictsItsNeverCountIsRefused() {
        assertThatThrownBy(() -> new CellMedian(3, 2, 100.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CellMedian(3, 0, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
