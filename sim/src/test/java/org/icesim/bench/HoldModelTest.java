package org.icesim.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HoldModelTest {

    @Test
    void eachRunEventSchedulesOneSuccessorSoTheQueueKeepsItsSize() {
        HoldModel model = new HoldModel(1_000, 7);
        assertThat(model.pending()).isEqualTo(1_000);

        long reached = model.run(5_000);

        assertThat(model.eventsRun()).isEqualTo(5_000);
        assertThat(model.pending()).isEqualTo(1_000);
        // 5 000 events over 1 000 holders, 1 ms mean delay: each holder advanced about 5 ms.
        assertThat(reached).isBetween(2_000_000L, 10_000_000L);
        model.run(1);
        assertThat(model.eventsRun()).isEqualTo(5_001);
    }

    @Test
    void theSameSeedGivesTheSameSchedule() {
        assertThat(new HoldModel(10, 3).run(10_000)).isEqualTo(new HoldModel(10, 3).run(10_000));
    }

    @Test
    void invalidSizesAreRefusedByName() {
        assertThatThrownBy(() -> new HoldModel(0, 1)).hasMessage("pending events must be >= 1, was 0");
        assertThatThrownBy(() -> new HoldModel(1, 1).run(0)).hasMessage("event count must be >= 1, was 0");
    }
}
