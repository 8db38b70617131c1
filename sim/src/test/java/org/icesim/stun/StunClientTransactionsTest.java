package org.icesim.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.util.ArrayList;
import java.util.List;
import org.icesim.kernel.Simulator;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunAttribute.ErrorCode;
import org.icesim.stun.StunAttribute.XorMappedAddress;
import org.icesim.stun.StunClientTransactions.Delivery;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

class StunClientTransactionsTest {

    private static final TransportAddress SERVER = TransportAddress.of("203.0.113.1", 3478);
    private static final TransportAddress MAPPED = TransportAddress.of("198.51.100.9", 50000);

    private final Simulator sim = SuiteChecks.simulator();
    private final List<Long> sentAt = new ArrayList<>();
    private final List<StunOutcome> outcomes = new ArrayList<>();
    private final List<Long> outcomeAt = new ArrayList<>();
    private int nextId = 1;

    private StunClientTransactions transactions(StunTransactionConfig config, Delivery delivery) {
        return new StunClientTransactions(sim, config, delivery, (destination, message) -> {
            assertThat(destination).isEqualTo(SERVER);
            sentAt.add(sim.now());
        });
    }

    private StunMessage request(StunMethod method) {
        return StunMessage.request(method, new TransactionId(0, nextId++), List.of());
    }

    private void record(StunOutcome outcome) {
        outcomes.add(outcome);
        outcomeAt.add(sim.now());
    }

    @Test
    void udpRequestIsSentAt0_05_15_35_75_155_315sAndTimesOutAt395sRfc8489Section6_2_1() {
        StunTransaction transaction = transactions(StunTransactionConfig.RFC_8489, Delivery.UNRELIABLE)
                .send(SERVER, request(StunMethod.BINDING), this::record);
        sim.run();
        assertThat(sentAt).containsExactly(0L, millis(500), millis(1500), millis(3500), millis(7500), millis(15_500),
                millis(31_500));
        assertThat(outcomeAt).containsExactly(millis(39_500));
        assertThat(outcomes).singleElement().isInstanceOf(StunOutcome.Timeout.class);
        assertThat(transaction.transmissions()).isEqualTo(7);
        assertThat(transaction.deadline()).isEqualTo(millis(39_500));
        assertThat(transaction.completedAt()).isEqualTo(millis(39_500));
        assertThat(transaction.isDone()).isTrue();
    }

    @Test
    void reliableTransportSendsOnceAndTimesOutAfterTiRfc8489Section6_2_2() {
        transactions(StunTransactionConfig.RFC_8489, Delivery.RELIABLE).send(SERVER, request(StunMethod.BINDING),
                this::record);
        sim.run();
        assertThat(sentAt).containsExactly(0L);
        assertThat(outcomeAt).containsExactly(millis(39_500));
        assertThat(outcomes).singleElement().isInstanceOf(StunOutcome.Timeout.class);
    }

    @Test
    void libwebrtcPresetDoublesFrom250msCappedAt8sNineSendsTimeoutAt3975s() {
        transactions(StunTransactionConfig.LIBWEBRTC, Delivery.UNRELIABLE).send(SERVER, request(StunMethod.BINDING),
                this::record);
        sim.run();
        assertThat(sentAt).containsExactly(0L, millis(250), millis(750), millis(1750), millis(3750), millis(7750),
                millis(15_750), millis(23_750), millis(31_750));
        assertThat(outcomeAt).containsExactly(millis(39_750));
    }

    @Test
    void libwebrtcPresetOverTcpTimesOutWhenItsUdpScheduleWould_stun_request_cc() {
        // StunRequest::SendInternal re-sends on the same schedule whatever the transport.
        transactions(StunTransactionConfig.LIBWEBRTC, Delivery.RELIABLE).send(SERVER, request(StunMethod.BINDING),
                this::record);
        sim.run();
        assertThat(sentAt).containsExactly(0L);
        assertThat(outcomeAt).containsExactly(millis(39_750));
    }

    @Test
    void nicerPresetDoublesEachIntervalExtendsTheLastBy16RtoAndTimesOutAt11_1s_stun_client_ctx_c() {
        transactions(StunTransactionConfig.NICER, Delivery.UNRELIABLE).send(SERVER, request(StunMethod.BINDING),
                this::record);
        sim.run();
        // nr_stun_client_send_request: timeout_ms = rto_ms after the first request, doubled after each
        // later one, + 16 * rto_ms (maximum_transmits_timeout_ms) after the 7th: 3.2 s + 1.6 s.
        assertThat(sentAt).containsExactly(0L, millis(100), millis(300), millis(700), millis(1_500), millis(3_100),
                millis(6_300));
        assertThat(outcomeAt).containsExactly(millis(11_100));
    }

    @Test
    void nicerPresetOverTcpSendsOnceAndWaitsTwiceTheFinalBackoff_stun_client_ctx_c() {
        transactions(StunTransactionConfig.NICER, Delivery.RELIABLE).send(SERVER, request(StunMethod.BINDING),
                this::record);
        sim.run();
        assertThat(sentAt).containsExactly(0L);
        assertThat(outcomeAt).containsExactly(millis(3_200));
    }

    @Test
    void pionTurnPresetDoublesFrom200msCappedAt1_6sAndFailsAt7_8s_pion_turn_client_go() {
        transactions(StunTransactionConfig.PION_TURN, Delivery.UNRELIABLE).send(SERVER, request(StunMethod.ALLOCATE),
                this::record);
        sim.run();
        assertThat(sentAt).containsExactly(0L, millis(200), millis(600), millis(1_400), millis(3_000), millis(4_600),
                millis(6_200));
        assertThat(outcomeAt).containsExactly(millis(7_800));
    }

    @Test
    void pionStunPresetSendsOneBindingAndGivesUpAfter5s_pion_ice_gather_go() {
        transactions(StunTransactionConfig.PION_STUN, Delivery.UNRELIABLE).send(SERVER, request(StunMethod.BINDING),
                this::record);
        sim.run();
        assertThat(sentAt).containsExactly(0L);
        assertThat(outcomeAt).containsExactly(seconds(5));
    }

    @Test
    void aRequestMayCarryItsOwnRtoAsIceChecksDoRfc8445Section14_3() {
        StunClientTransactions client = transactions(StunTransactionConfig.RFC_8489.withMaxRequests(3), Delivery.UNRELIABLE);
        sim.scheduleAt(seconds(1), () -> client.send(SERVER, request(StunMethod.BINDING), millis(800), this::record));
        sim.run();
        // Sends at +0, +0.8, +2.4 s; then Rm × RTO = 16 × 0.8 = 12.8 s.
        assertThat(sentAt).containsExactly(seconds(1), millis(1800), millis(3400));
        assertThat(outcomeAt).containsExactly(millis(16_200));
    }

    @Test
    void aSuccessResponseEndsTheTransactionAtItsArrivalAndStopsRetransmissions() {
        StunClientTransactions client = transactions(StunTransactionConfig.RFC_8489, Delivery.UNRELIABLE);
        StunMessage request = request(StunMethod.BINDING);
        client.send(SERVER, request, this::record);
        StunMessage response = request.respondSuccess(List.of(new XorMappedAddress(MAPPED)));
        sim.scheduleAt(millis(2000), () -> assertThat(client.onResponse(SERVER, response)).isTrue());
        sim.run();
        assertThat(sentAt).containsExactly(0L, millis(500), millis(1500));
        assertThat(outcomeAt).containsExactly(millis(2000));
        StunOutcome.Success success = (StunOutcome.Success) outcomes.get(0);
        assertThat(success.response()).isSameAs(response);
        assertThat(success.from()).isEqualTo(SERVER);
        assertThat(success.transaction().lastSentAt()).isEqualTo(millis(1500));
        assertThat(client.runningCount()).isZero();
        assertThat(sim.pending()).isZero();
    }

    @Test
    void anErrorResponseIsReportedWithItsCode() {
        StunClientTransactions client = transactions(StunTransactionConfig.RFC_8489, Delivery.UNRELIABLE);
        StunMessage request = request(StunMethod.ALLOCATE);
        client.send(SERVER, request, this::record);
        sim.scheduleAt(millis(100), () -> client.onResponse(SERVER,
                request.respondError(List.of(ErrorCode.UNAUTHORIZED))));
        sim.run();
        assertThat(outcomes).singleElement().isInstanceOfSatisfying(StunOutcome.ErrorResponse.class,
                error -> assertThat(error.code()).isEqualTo(401));
        assertThat(outcomeAt).containsExactly(millis(100));
    }

    @Test
    void responsesAreMatchedByTransactionIdAndMethodRfc8489Section6_3_3() {
        StunClientTransactions client = transactions(StunTransactionConfig.RFC_8489, Delivery.UNRELIABLE);
        StunMessage request = request(StunMethod.BINDING);
        client.send(SERVER, request, this::record);
        StunMessage otherId = request(StunMethod.BINDING).respondSuccess(List.of());
        StunMessage otherMethod = StunMessage.successResponse(StunMethod.ALLOCATE, request.transactionId(), List.of());
        StunMessage indication = StunMessage.indication(StunMethod.BINDING, request.transactionId(), List.of());
        assertThat(client.onResponse(SERVER, otherId)).isFalse();
        assertThat(client.onResponse(SERVER, otherMethod)).isFalse();
        assertThat(client.onResponse(SERVER, indication)).isFalse();
        assertThat(client.isRunning(request.transactionId())).isTrue();
        assertThat(outcomes).isEmpty();
        assertThat(client.onResponse(SERVER, request.respondSuccess(List.of()))).isTrue();
        assertThat(client.onResponse(SERVER, request.respondSuccess(List.of()))).as("a second response").isFalse();
        assertThat(outcomes).hasSize(1);
    }

    @Test
    void cancellingEndsRetransmissionsWithoutAnOutcomeAndLateResponsesAreIgnored() {
        StunClientTransactions client = transactions(StunTransactionConfig.RFC_8489, Delivery.UNRELIABLE);
        StunMessage request = request(StunMethod.BINDING);
        StunTransaction transaction = client.send(SERVER, request, this::record);
        sim.scheduleAt(millis(1000), () -> assertThat(transaction.cancel()).isTrue());
        sim.scheduleAt(millis(1100), () -> assertThat(client.onResponse(SERVER, request.respondSuccess(List.of()))).isFalse());
        sim.run();
        assertThat(sentAt).containsExactly(0L, millis(500));
        assertThat(outcomes).isEmpty();
        assertThat(transaction.cancel()).isFalse();
        assertThat(transaction.completedAt()).isEqualTo(millis(1000));
    }

    @Test
    void aResponseDeliveredInsideSendEndsTheTransactionOnce() {
        List<StunClientTransactions> holder = new ArrayList<>();
        StunClientTransactions client = new StunClientTransactions(sim, StunTransactionConfig.RFC_8489,
                Delivery.UNRELIABLE, (destination, message) -> holder.get(0).onResponse(destination,
                        message.respondSuccess(List.of())));
        holder.add(client);
        client.send(SERVER, request(StunMethod.BINDING), this::record);
        sim.run();
        assertThat(outcomes).singleElement().isInstanceOf(StunOutcome.Success.class);
        assertThat(sim.pending()).isZero();
    }

    @Test
    void cancelAllStopsEveryRunningTransaction() {
        StunClientTransactions client = transactions(StunTransactionConfig.RFC_8489, Delivery.UNRELIABLE);
        client.send(SERVER, request(StunMethod.BINDING), this::record);
        client.send(SERVER, request(StunMethod.BINDING), this::record);
        assertThat(client.runningCount()).isEqualTo(2);
        client.cancelAll();
        sim.run();
        assertThat(sentAt).hasSize(2);
        assertThat(outcomes).isEmpty();
        assertThat(client.runningCount()).isZero();
    }

    @Test
    void afterStopRetransmissionsAResponseIsStillAcceptedUntilTheOriginalDeadlineRfc8445Section7_3_1_4() {
        StunClientTransactions client = transactions(StunTransactionConfig.RFC_8489, Delivery.UNRELIABLE);
        StunMessage late = request(StunMethod.BINDING);
        StunMessage never = request(StunMethod.BINDING);
        StunTransaction answered = client.send(SERVER, late, this::record);
        StunTransaction unanswered = client.send(SERVER, never, this::record);
        sim.scheduleAt(millis(2000), () -> {
            answered.stopRetransmissions();
            unanswered.stopRetransmissions();
        });
        sim.scheduleAt(millis(30_000), () -> client.onResponse(SERVER, late.respondSuccess(List.of())));
        sim.run();
        // Both were sent at 0, 0.5 and 1.5 s, and never again.
        assertThat(sentAt).containsExactly(0L, 0L, millis(500), millis(500), millis(1500), millis(1500));
        assertThat(outcomeAt).containsExactly(millis(30_000), millis(39_500));
        assertThat(outcomes.get(0)).isInstanceOf(StunOutcome.Success.class);
        assertThat(outcomes.get(1)).isInstanceOf(StunOutcome.Timeout.class);
    }

    @Test
    void invalidRequestsAreRefused() {
        StunClientTransactions client = transactions(StunTransactionConfig.RFC_8489, Delivery.UNRELIABLE);
        StunMessage request = request(StunMethod.BINDING);
        client.send(SERVER, request, this::record);
        assertThatThrownBy(() -> client.send(SERVER, request, this::record))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");
        assertThatThrownBy(() -> client.send(SERVER, StunMessage.indication(StunMethod.BINDING, new TransactionId(9, 9),
                List.of()), this::record))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INDICATION");
        assertThatThrownBy(() -> client.send(SERVER, request(StunMethod.BINDING), 0, this::record))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("RTO must be > 0 ns, was 0 ns");
    }

    @Test
    void configurationLimitsNameTheValue() {
        assertThatThrownBy(() -> StunTransactionConfig.RFC_8489.withMaxRequests(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxRequests (Rc) must be >= 1, was 0");
        assertThatThrownBy(() -> StunTransactionConfig.RFC_8489.withFinalWaitMultiplier(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("finalWaitMultiplier (Rm) must be >= 1, was 0");
        assertThatThrownBy(() -> StunTransactionConfig.RFC_8489.withInitialRto(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial RTO must be > 0 ns, was -1 ns");
        assertThatThrownBy(() -> StunTransactionConfig.RFC_8489.withReliableTimeout(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reliable timeout (Ti)");
        assertThatThrownBy(() -> new StunTransactionConfig(millis(500), 7, 16, millis(100), seconds(39),
                StunTransactionConfig.Backoff.DOUBLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max RTO must be >=");
        assertThat(StunTransactionConfig.RFC_8489.unreliableTimeoutNanos(millis(500))).isEqualTo(millis(39_500));
    }
}
