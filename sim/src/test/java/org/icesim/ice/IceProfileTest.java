package org.icesim.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.icesim.stun.StunTransactionConfig;
import org.junit.jupiter.api.Test;

class IceProfileTest {

    @Test
    void presetsAreFoundByName() {
        assertThat(IceProfile.named("rfc")).isSameAs(IceProfile.RFC);
        assertThat(IceProfile.named("libwebrtc")).isSameAs(IceProfile.LIBWEBRTC);
        assertThat(IceProfile.named("firefox")).isSameAs(IceProfile.FIREFOX);
        assertThat(IceProfile.named("pion")).isSameAs(IceProfile.PION);
    }

    @Test
    void unknownProfileNameListsTheKnownOnes() {
        assertThatThrownBy(() -> IceProfile.named("chrome"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown ICE profile 'chrome', known profiles are [rfc, libwebrtc, firefox, pion]");
    }

    @Test
    void anyConstantCanBeOverriddenByName() {
        IceProfile p = IceProfile.RFC.with("consentInterval", "3s");
        assertThat(p.consentInterval()).isEqualTo(seconds(3));
        assertThat(p.checkInterval()).isEqualTo(IceProfile.RFC.checkInterval());
        IceProfile q = IceProfile.LIBWEBRTC.withAll(Map.of("weakPingInterval", "7.5ms", "unwritableMinChecks", "3",
                "reportsCompleted", "true", "liveness", "last-packet", "disconnectedTimeout", "2s", "backupPairs", "false",
                "semiAggressiveNomination", "false"));
        assertThat(q.weakPingInterval()).isEqualTo(7_500_000L);
        assertThat(q.unwritableMinChecks()).isEqualTo(3);
        assertThat(q.reportsCompleted()).isTrue();
        assertThat(q.liveness()).isEqualTo(Liveness.LAST_PACKET);
        assertThat(IceProfile.RFC.with("keepaliveInterval", "2m").keepaliveInterval()).isEqualTo(seconds(120));
        assertThat(IceProfile.RFC.with("turnTransactions", "pion-turn").turnTransactions())
                .isEqualTo(ServerTransactions.PION_TURN);
        assertThat(IceProfile.constantNames()).contains("consentInterval", "checkInterval").doesNotContain("name");
    }

    @Test
    void everyRecordComponentIsANamedAttribute() {
        List<String> components = Arrays.stream(IceProfile.class.getRecordComponents()).map(RecordComponent::getName)
                .filter(name -> !name.equals("name")).toList();
        assertThat(IceProfile.constantNames()).containsExactlyElementsOf(components);
    }

    @Test
    void aNewBuilderHoldsTheRfcValuesAndPresetsDifferOnlyWhereTheyNameIt() {
        assertThat(new IceProfile.Builder("rfc").build()).isEqualTo(IceProfile.RFC);
        assertThat(IceProfile.RFC.differing("firefox").checkInterval(millis(20)).checkRtoFloor(millis(100))
                .checkRtoCountsChecks(false).aggressiveNomination(true).trickleGracePeriod(seconds(5)).pacTimeout(0)
                .srflxTransactions(ServerTransactions.NICER).turnTransactions(ServerTransactions.NICER)
                .srflxKeepaliveInterval(0).networkMonitor(NetworkMonitor.SILENT)
                .checkBackoff(StunTransactionConfig.Backoff.DOUBLE_EXTENDED_FINAL).sendErrorDisconnects(true).build())
                .isEqualTo(IceProfile.FIREFOX);
    }

    @Test
    void durationsUseTheProjectsOneGrammar() {
        assertThat(IceProfile.RFC.with("consentExpiry", "1h").consentExpiry()).isEqualTo(seconds(3600));
        assertThat(IceProfile.RFC.with("checkInterval", "5000µs").checkInterval()).isEqualTo(millis(5));
        assertThat(IceProfile.RFC.with("checkInterval", "20000us").checkInterval()).isEqualTo(millis(20));
        assertThat(IceProfile.RFC.with("consentInterval", "0s").consentInterval()).isZero();
        assertThatThrownBy(() -> IceProfile.RFC.with("checkInterval", "5.0000001ms"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finer than the unit allows");
    }

    @Test
    void overridesAreValidatedWithTheConstantAndItsRange() {
        assertThatThrownBy(() -> IceProfile.RFC.with("checkInterval", "1ms"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ICE profile constant checkInterval must be in [5ms, 10s], was 1ms");
        assertThatThrownBy(() -> IceProfile.RFC.with("consentInterval", "3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consentInterval: '3' is not a duration with a unit");
        assertThatThrownBy(() -> IceProfile.RFC.with("maxPairs", "many"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPairs must be an integer");
        assertThatThrownBy(() -> IceProfile.RFC.with("maxPairs", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ICE profile constant maxPairs must be in [1, 10000], was 0");
        assertThatThrownBy(() -> IceProfile.RFC.with("liveness", "psychic"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("liveness must be one of [consent, pings, last-packet]");
        assertThatThrownBy(() -> IceProfile.RFC.with("warpFactor", "9"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown ICE profile constant 'warpFactor'");
        assertThatThrownBy(() -> IceProfile.RFC.with("semiAggressiveNomination", "true"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("semiAggressiveNomination needs backupPairs");
        assertThatThrownBy(() -> IceProfile.RFC.with("backupPairs", "true"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backupPairs needs checkMode REPEATED_PINGS");
        // A stack gathers on a new interface only if it learns of it.
        assertThatThrownBy(() -> IceProfile.LIBWEBRTC.with("continualGathering", "true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("continualGathering needs networkMonitor ANNOUNCED (a stack gathers on a new interface only when"
                        + " it learns of it), was SILENT");
        // A refused send is cleared only by a consent answer, which only consent liveness has.
        assertThatThrownBy(() -> IceProfile.LIBWEBRTC.with("sendErrorDisconnects", "true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sendErrorDisconnects needs liveness CONSENT");
        assertThat(IceProfile.RFC.with("checkBackoff", "double-extended-final").checkBackoff())
                .isEqualTo(StunTransactionConfig.Backoff.DOUBLE_EXTENDED_FINAL);
        assertThatThrownBy(() -> IceProfile.RFC.with("networkMonitor", "psychic"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("networkMonitor must be one of [announced, silent]");
        assertThatThrownBy(() -> IceProfile.RFC.with("srflxTypePreference", "120"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peerReflexive type preference must be greater");
        // libwebrtc's "failed" is a function of its pairs: no PAC, grace period or end-of-candidates.
        assertThatThrownBy(() -> IceProfile.LIBWEBRTC.with("pacTimeout", "39.5s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("with liveness PINGS").hasMessageContaining("were 39500ms, 0ms and false");
        assertThatThrownBy(() -> IceProfile.LIBWEBRTC.with("failedRequiresEndOfCandidates", "true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failedRequiresEndOfCandidates false");
        assertThatThrownBy(() -> IceProfile.LIBWEBRTC.with("deadConnectionTimeout", "-1s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadConnectionTimeout");
    }

    @Test
    void presetsCarryTheirSourcesNumbers() {
        assertThat(IceProfile.RFC.checkInterval()).isEqualTo(millis(50));
        assertThat(IceProfile.RFC.checkRtoFloor()).isEqualTo(millis(500));
        assertThat(IceProfile.RFC.pacTimeout()).isEqualTo(millis(39_500));
        assertThat(IceProfile.LIBWEBRTC.stablePingInterval()).isEqualTo(millis(2500));
        assertThat(IceProfile.LIBWEBRTC.weakPingInterval()).isEqualTo(millis(48));
        assertThat(IceProfile.LIBWEBRTC.inactiveTimeout()).isEqualTo(seconds(15));
        assertThat(IceProfile.LIBWEBRTC.deadConnectionTimeout()).isEqualTo(seconds(30));
        assertThat(IceProfile.FIREFOX.checkInterval()).isEqualTo(millis(20));
        assertThat(IceProfile.FIREFOX.trickleGracePeriod()).isEqualTo(seconds(5));
        assertThat(IceProfile.PION.disconnectedTimeout() + IceProfile.PION.failedTimeout()).isEqualTo(seconds(30));
        assertThat(IceProfile.PION.keepPreviousGenerationDuringRestart()).isFalse();
        assertThat(IceProfile.LIBWEBRTC.typePreferences().relayed()).isEqualTo(3);
    }
}
