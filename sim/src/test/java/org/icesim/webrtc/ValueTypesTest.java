package org.icesim.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.ice.CandidateType;
import org.icesim.ice.IceCredentials;
import org.icesim.ice.IceRole;
import org.icesim.ice.IceTransportState;
import org.icesim.kernel.RandomStreams;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Credentials, candidates, descriptions and the enums' W3C names. */
class ValueTypesTest {

    private static final IceCredentials CREDENTIALS = new IceCredentials("abcd", "abcdefghijklmnopqrstuvwx");

    private static IceCandidate host(String ufrag) {
        return new IceCandidate("1", 1, Protocol.UDP, 2130706431L, TransportAddress.of("192.0.2.1", 50000),
                CandidateType.HOST, null, ufrag, "0", 0);
    }

    @Test
    void generatedCredentialsFollowLibwebrtcLengthsAndTheIceCharAlphabet() {
        RandomGenerator random = new RandomStreams(1).stream("peer/a/webrtc");
        for (int i = 0; i < 200; i++) {
            IceCredentials credentials = IceCredentials.random(random);
            assertThat(credentials.ufrag()).hasSize(4);
            assertThat(credentials.pwd()).hasSize(24);
            assertThat(credentials.ufrag() + credentials.pwd()).matches("[A-Za-z0-9+/]+");
        }
    }

    @Test
    void generatedCredentialsDependOnlyOnTheStream() {
        IceCredentials first = IceCredentials.random(new RandomStreams(5).stream("peer/a/webrtc"));
        IceCredentials again = IceCredentials.random(new RandomStreams(5).stream("peer/a/webrtc"));
        IceCredentials other = IceCredentials.random(new RandomStreams(5).stream("peer/b/webrtc"));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void credentialsOutsideRfc8839AreRejectedWithTheReason() {
        assertThatThrownBy(() -> new IceCredentials("abc", CREDENTIALS.pwd()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ufrag must be 4 to 256 ice-chars (RFC 8839 §5.4), was 'abc' (3)");
        assertThatThrownBy(() -> new IceCredentials("ab-d", CREDENTIALS.pwd()))
                .hasMessageContaining("ufrag must contain only ice-chars").hasMessageContaining("'ab-d'");
        assertThatThrownBy(() -> new IceCredentials("abcd", "short")).hasMessageStartingWith("pwd must be 22 to 256");
        assertThatThrownBy(() -> new IceCredentials(null, CREDENTIALS.pwd())).hasMessageStartingWith("ufrag must be 4 to 256").hasMessageEndingWith("was null");
    }

    @Test
    void candidateAttributeFollowsTheSdpGrammar() {
        IceCandidate srflx = new IceCandidate("4", 1, Protocol.UDP, 1694498815L, TransportAddress.of("203.0.113.5", 40000),
                CandidateType.SERVER_REFLEXIVE, TransportAddress.of("192.0.2.1", 50000), "abcd", "0", 0);

        assertThat(srflx.candidateAttribute())
                .isEqualTo("candidate:4 1 udp 1694498815 203.0.113.5 40000 typ srflx raddr 192.0.2.1 rport 50000");
        assertThat(host("abcd").candidateAttribute()).isEqualTo("candidate:1 1 udp 2130706431 192.0.2.1 50000 typ host");
        assertThat(IceCandidate.endOfCandidates("abcd").candidateAttribute()).isEmpty();
    }

    @Test
    void endOfCandidatesHasOnlyItsGenerationAndMediaSection() {
        IceCandidate end = IceCandidate.endOfCandidates("abcd").withMediaSection("1", null);

        assertThat(end.isEndOfCandidates()).isTrue();
        assertThat(end.usernameFragment()).isEqualTo("abcd");
        assertThat(end.sdpMid()).isEqualTo("1");
        assertThat(host("abcd").isEndOfCandidates()).isFalse();
        assertThatThrownBy(() -> new IceCandidate("1", 0, null, 0, null, null, null, null, null, null))
                .hasMessageStartingWith("an end-of-candidates indication (no address) must carry no candidate fields");
    }

    @Test
    void candidateFieldsAreValidated() {
        TransportAddress address = TransportAddress.of("192.0.2.1", 1);
        assertThatThrownBy(() -> new IceCandidate("1", 1, Protocol.UDP, 0, address, CandidateType.HOST, null, null, "0", null))
                .hasMessage("priority must be in 1..2^31-1 (RFC 8445 §5.1.2), was 0");
        assertThatThrownBy(() -> new IceCandidate("1", 0, Protocol.UDP, 5, address, CandidateType.HOST, null, null, "0", null))
                .hasMessage("component must be in 1..256 (RFC 8445 §5.1.1.3), was 0");
        assertThatThrownBy(() -> new IceCandidate("1", 1, Protocol.UDP, 5, address, CandidateType.HOST, address, null, "0", null))
                .hasMessageStartingWith("a host candidate has no related address");
        assertThatThrownBy(() -> new IceCandidate("", 1, Protocol.UDP, 5, address, CandidateType.HOST, null, null, "0", null))
                .hasMessageStartingWith("foundation must be 1..32 characters");
        assertThatThrownBy(() -> host("abcd").withMediaSection("0", -1)).hasMessage("sdpMLineIndex must be >= 0 or null, was -1");
    }

    @Test
    void rollbackCarriesNoContent() {
        SessionDescription rollback = SessionDescription.rollback();

        assertThat(rollback.type()).isEqualTo(SdpType.ROLLBACK);
        assertThat(rollback.credentials()).isNull();
        assertThatThrownBy(() -> new SessionDescription(SdpType.ROLLBACK, CREDENTIALS, List.of(), List.of(), false, false,
                null, false)).hasMessageContaining("rollback description carries no content");
    }

    @Test
    void descriptionContentIsValidated() {
        assertThatThrownBy(() -> new SessionDescription(SdpType.OFFER, CREDENTIALS, List.of(), List.of(), true, false,
                DtlsSetup.ACTPASS, false)).hasMessage("offer needs at least one media section (mid), had none");
        assertThatThrownBy(() -> new SessionDescription(SdpType.OFFER, CREDENTIALS, List.of("0", "0"), List.of(), true,
                false, DtlsSetup.ACTPASS, false)).hasMessage("mids must be unique, were [0, 0]");
        assertThatThrownBy(() -> new SessionDescription(SdpType.ANSWER, CREDENTIALS, List.of("0"), List.of(host("zzzz")),
                true, false, DtlsSetup.ACTIVE, false)).hasMessageContaining("generation 'zzzz'");
        assertThatThrownBy(() -> new SessionDescription(SdpType.ANSWER, CREDENTIALS, List.of("0"),
                List.of(IceCandidate.endOfCandidates("abcd")), true, false, DtlsSetup.ACTIVE, false))
                .hasMessageContaining("endOfCandidates flag");
        assertThatThrownBy(() -> new SessionDescription(SdpType.ANSWER, null, List.of("0"), List.of(), true, false,
                DtlsSetup.ACTIVE, false)).hasMessageStartingWith("answer needs ICE credentials");
    }

    @Test
    void sameContentIgnoresTheTypeAndListsAreCopied() {
        List<String> mids = new ArrayList<>(List.of("0"));
        SessionDescription answer = new SessionDescription(SdpType.ANSWER, CREDENTIALS, mids, List.of(host("abcd")), true,
                true, DtlsSetup.ACTIVE, false);
        mids.add("1");

        assertThat(answer.mids()).containsExactly("0");
        assertThat(answer.withType(SdpType.PRANSWER).sameContentAs(answer)).isTrue();
        assertThat(answer.sameContentAs(answer.withEndOfCandidates())).isTrue();
        assertThat(answer.sameContentAs(answer.withCandidate(host(null)))).isFalse();
        assertThat(answer.sameContentAs(null)).isFalse();
        assertThat(answer.ufrag()).isEqualTo("abcd");
    }

    static Stream<Arguments> gatheringRules() {
        return Stream.of(
                Arguments.of(List.of(), IceGatheringState.NEW),
                Arguments.of(List.of(IceGatheringState.NEW, IceGatheringState.COMPLETE), IceGatheringState.NEW),
                Arguments.of(List.of(IceGatheringState.NEW, IceGatheringState.GATHERING), IceGatheringState.GATHERING),
                Arguments.of(List.of(IceGatheringState.COMPLETE, IceGatheringState.GATHERING), IceGatheringState.GATHERING),
                Arguments.of(List.of(IceGatheringState.COMPLETE, IceGatheringState.COMPLETE), IceGatheringState.COMPLETE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("gatheringRules")
    void iceGatheringStateFollowsTheW3cRules(List<IceGatheringState> transports, IceGatheringState expected) {
        assertThat(IceGatheringState.aggregate(transports)).isEqualTo(expected);
    }

    @Test
    void anAnswerTakesTheOtherDtlsRole() {
        assertThat(DtlsSetup.ACTPASS.answerTo()).isEqualTo(DtlsSetup.ACTIVE);
        assertThat(DtlsSetup.PASSIVE.answerTo()).isEqualTo(DtlsSetup.ACTIVE);
        assertThat(DtlsSetup.ACTIVE.answerTo()).isEqualTo(DtlsSetup.PASSIVE);
        assertThat(DtlsSetup.ACTPASS.sdpName()).isEqualTo("actpass");
    }

    @Test
    void everyEnumValueHasItsW3cSpelling() {
        List<Enum<?>> values = new ArrayList<>();
        values.addAll(List.of(SignalingState.values()));
        values.addAll(List.of(IceConnectionState.values()));
        values.addAll(List.of(PeerConnectionState.values()));
        values.addAll(List.of(IceGatheringState.values()));
        values.addAll(List.of(IceTransportState.values()));
        values.addAll(List.of(DtlsTransportState.values()));
        values.addAll(List.of(IceRole.values()));
        values.addAll(List.of(SdpType.values()));
        for (Enum<?> value : values) {
            assertThat(w3cName(value)).isEqualTo(value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        assertThat(DomExceptionName.INVALID_MODIFICATION_ERROR.w3cName()).isEqualTo("InvalidModificationError");
        assertThat(List.of(CandidateType.values())).extracting(CandidateType::sdpName)
                .containsExactly("host", "srflx", "prflx", "relay");
    }

    private static String w3cName(Enum<?> value) {
        try {
            return (String) value.getClass().getMethod("w3cName").invoke(value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(value + " has no w3cName()", e);
        }
    }

    @Test
    void configAndMessagesRejectInvalidValues() {
        assertThatThrownBy(() -> new PeerConnectionConfig(-1, 0)).hasMessage("operationDelayNanos must be >= 0, was -1");
        assertThatThrownBy(() -> new PeerConnectionConfig(0, -2)).hasMessage("dtlsHandshakeNanos must be >= 0, was -2");
        assertThatThrownBy(() -> new SignalingMessage.DescriptionMessage(SessionDescription.rollback()))
                .hasMessageStartingWith("a signalled description must be an offer, pranswer or answer");
        assertThat(new DomException(DomExceptionName.OPERATION_ERROR, "x").getMessage()).isEqualTo("OperationError: x");
    }
}
