package org.icesim.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionTest {

    private static final DomException ERROR = new DomException(DomExceptionName.OPERATION_ERROR, "boom");
    private final List<String> log = new ArrayList<>();

    @Test
    void callbacksRunOnSettlementInRegistrationOrderAndLateOnesAtOnce() {
        Completion<String> completion = new Completion<>();
        completion.onSuccess(v -> log.add("first " + v));
        completion.whenComplete((v, e) -> log.add("second " + v + " " + e));
        completion.onFailure(e -> log.add("never"));
        assertThat(log).isEmpty();

        completion.fulfill("x");
        completion.onSuccess(v -> log.add("late " + v));

        assertThat(log).containsExactly("first x", "second x null", "late x");
        assertThat(completion.isFulfilled()).isTrue();
        assertThat(completion.value()).isEqualTo("x");
    }

    @Test
    void thenComposeFollowsTheNextCompletionAndPassesRejectionsThrough() {
        Completion<String> first = new Completion<>();
        Completion<Integer> second = new Completion<>();
        Completion<Integer> composed = first.thenCompose(v -> {
            log.add("next after " + v);
            return second;
        });
        first.fulfill("a");
        assertThat(composed.isDone()).isFalse();
        second.fulfill(7);
        assertThat(composed.value()).isEqualTo(7);

        Completion<Integer> skipped = Completion.<String>rejected(ERROR).thenCompose(v -> {
            log.add("must not run");
            return second;
        });
        assertThat(skipped.error()).isSameAs(ERROR);
        assertThat(Completion.fulfilled("b").thenCompose(v -> Completion.<Integer>rejected(ERROR)).error()).isSameAs(ERROR);
        assertThat(log).containsExactly("next after a");
    }

    @Test
    void misuseIsReported() {
        Completion<String> pending = new Completion<>();
        assertThatThrownBy(pending::value).hasMessage("completion is not fulfilled (pending)");
        assertThatThrownBy(pending::error).hasMessage("completion is not rejected (pending)");
        assertThatThrownBy(() -> pending.reject(null)).hasMessage("rejection error must not be null");
        pending.reject(ERROR);
        assertThatThrownBy(() -> pending.fulfill("x")).hasMessage("completion settled twice (rejected with OperationError: boom)");
    }
}
