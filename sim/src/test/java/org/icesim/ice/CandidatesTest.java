package org.icesim.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CandidatesTest {

    private static final TypePreferences RFC = TypePreferences.RFC_8445;
    private static final TransportAddress HOST = TransportAddress.of("10.0.0.1", 5000);
    private static final Ipv4Address STUN = Ipv4Address.parse("192.0.2.10");

    @ParameterizedTest(name = "{0}: typePref {1}, localPref {2}, component {3} -> {4}")
    @CsvSource({
        "host,  126, 65535, 1, 2130706431",
        "prflx, 110, 65535, 1, 1862270975",
        "srflx, 100, 65535, 1, 1694498815",
        "relay,   0, 65535, 1, 16777215",
        "rtcp,  126, 65535, 2, 2130706430",
        "low,     0,     0, 256, 0"})
    void candidatePriorityFollowsTheFormula_8445_5_1_2_1(String label, int type, int local, int component, long expected) {
        assertThat(Priorities.candidatePriority(type, local, component)).isEqualTo(expected);
    }

    @Test
    void pairPriorityFormulaTakesGFromTheControllingSide_8445_6_1_2_3() {
        long g = 2130706431L;
        long d = 1694498815L;
        assertThat(Priorities.pairPriority(g, d)).isEqualTo((1L << 32) * d + 2 * g + 1);
        assertThat(Priorities.pairPriority(d, g)).isEqualTo((1L << 32) * d + 2 * g);
    }

    @Test
    void localPreferenceIsUniquePerInterfaceAndServer_8445_5_1_2_1() {
        assertThat(Priorities.localPreference(0, 0)).isEqualTo(65535);
        assertThat(Priorities.localPreference(1, 0)).isEqualTo(65279);
        assertThat(Priorities.localPreference(0, 1)).isEqualTo(65534);
        assertThatThrownBy(() -> Priorities.localPreference(256, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("networkIndex must be in [0, 255], was 256");
    }

    @Test
    void networkIndexIsReadBackFromAnyLocalCandidatesPriority() {
        Candidate host = Candidates.host(HOST, Priorities.localPreference(3, 0), RFC);
        Candidate srflx = Candidates.serverReflexive(TransportAddress.of("203.0.113.1", 1), HOST, STUN,
                Priorities.localPreference(3, 1), RFC);
        Candidate relay = Candidates.relayed(TransportAddress.of("192.0.2.50", 50000), HOST.ip(), STUN, Protocol.UDP,
                Priorities.localPreference(3, 255), RFC);
        // A local peer-reflexive candidate carries the PRIORITY of the check it was learnt from.
        Candidate prflx = Candidates.localPeerReflexive(TransportAddress.of("203.0.113.9", 7), HOST,
                Candidates.checkPriority(relay, RFC));
        assertThat(List.of(host, srflx, relay, prflx)).extracting(c -> Priorities.networkIndex(c.priority()))
                .containsOnly(3);
        assertThat(Priorities.networkIndex(Candidates.host(HOST, Priorities.localPreference(0, 0), RFC).priority()))
                .isZero();
    }

    @Test
    void foundationsAreEqualExactlyWhenTypeBaseIpServerAndProtocolAre_8445_5_1_1_3() {
        Ipv4Address base = HOST.ip();
        String a = Candidates.foundation(CandidateType.SERVER_REFLEXIVE, base, STUN, Protocol.UDP);
        // Ports do not matter: a candidate from another port of the same IP shares the foundation.
        assertThat(Candidates.serverReflexive(TransportAddress.of("203.0.113.1", 1), TransportAddress.of("10.0.0.1", 9),
                STUN, 65535, RFC).foundation()).isEqualTo(a);
        assertThat(Candidates.foundation(CandidateType.HOST, base, null, Protocol.UDP)).isNotEqualTo(a);
        assertThat(Candidates.foundation(CandidateType.SERVER_REFLEXIVE, Ipv4Address.parse("10.0.0.2"), STUN,
                Protocol.UDP)).isNotEqualTo(a);
        assertThat(Candidates.foundation(CandidateType.SERVER_REFLEXIVE, base, Ipv4Address.parse("192.0.2.11"),
                Protocol.UDP)).isNotEqualTo(a);
        assertThat(Candidates.foundation(CandidateType.SERVER_REFLEXIVE, base, STUN, Protocol.TCP)).isNotEqualTo(a);
        assertThat(a).hasSizeLessThanOrEqualTo(Candidate.MAX_FOUNDATION_LENGTH).matches("[A-Za-z0-9+/]+");
    }

    @Test
    void srflxEqualToItsHostIsRedundant_8445_5_1_3() {
        Candidate host = Candidates.host(HOST, 65535, RFC);
        Candidate sameAsHost = Candidates.serverReflexive(HOST, HOST, STUN, 65535, RFC);
        Candidate natted = Candidates.serverReflexive(TransportAddress.of("203.0.113.1", 40000), HOST, STUN, 65535, RFC);
        assertThat(Candidates.isRedundant(sameAsHost, List.of(host))).isTrue();
        assertThat(Candidates.isRedundant(natted, List.of(host))).isFalse();
        assertThat(Candidates.eliminateRedundant(List.of(sameAsHost, host, natted))).containsExactly(host, natted);
    }

    @Test
    void relayedCandidateIsItsOwnBaseAndLocalPrflxKeepsTheCheckPriority_8445_5_1_1_2() {
        TransportAddress relayed = TransportAddress.of("192.0.2.50", 50000);
        Candidate relay = Candidates.relayed(relayed, HOST.ip(), Ipv4Address.parse("192.0.2.50"), Protocol.UDP, 65535, RFC);
        assertThat(relay.base()).isEqualTo(relayed);
        assertThat(relay.priority()).isEqualTo(16777215L);
        Candidate prflx = Candidates.localPeerReflexive(TransportAddress.of("198.51.100.1", 1), HOST, 1862270975L);
        assertThat(prflx.type()).isEqualTo(CandidateType.PEER_REFLEXIVE);
        assertThat(prflx.base()).isEqualTo(HOST);
        assertThat(prflx.priority()).isEqualTo(1862270975L);
    }

    @Test
    void checkPriorityReplacesOnlyTheTypePreference_8445_7_1_1() {
        Candidate relay = Candidates.relayed(TransportAddress.of("192.0.2.50", 50000), HOST.ip(),
                Ipv4Address.parse("192.0.2.50"), Protocol.UDP, Priorities.localPreference(1, 2), RFC);
        assertThat(Candidates.checkPriority(relay, RFC))
                .isEqualTo(Priorities.candidatePriority(110, Priorities.localPreference(1, 2), 1));
    }

    @Test
    void invalidValuesAreRejectedWithTheirName() {
        assertThatThrownBy(() -> new TypePreferences(126, 100, 110, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peerReflexive");
        assertThatThrownBy(() -> Priorities.candidatePriority(127, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("typePreference must be in [0, 126], was 127");
        assertThatThrownBy(() -> new IceCredentials("abc", "0123456789012345678901"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ufrag must be 4 to 256");
        assertThatThrownBy(() -> new Candidate(CandidateType.HOST, HOST, TransportAddress.of("10.0.0.1", 1), 1, "x", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host candidate is its own base");
    }
}
