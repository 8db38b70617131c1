package org.icesim.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.stun.StunMethod.ALLOCATE;
import static org.icesim.stun.StunMethod.BINDING;
import static org.icesim.stun.StunMethod.DATA;
import static org.icesim.stun.StunMethod.SEND;

import java.util.List;
import org.icesim.kernel.RandomStreams;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunAttribute.ErrorCode;
import org.icesim.stun.StunAttribute.Fingerprint;
import org.icesim.stun.StunAttribute.IceControlled;
import org.icesim.stun.StunAttribute.IceControlling;
import org.icesim.stun.StunAttribute.MessageIntegrity;
import org.icesim.stun.StunAttribute.MessageIntegritySha256;
import org.icesim.stun.StunAttribute.Priority;
import org.icesim.stun.StunAttribute.Realm;
import org.icesim.stun.StunAttribute.UseCandidate;
import org.icesim.stun.StunAttribute.Username;
import org.icesim.stun.StunAttribute.XorMappedAddress;
import org.icesim.stun.StunAttribute.XorPeerAddress;
import org.junit.jupiter.api.Test;

class StunMessageTest {

    private static final TransactionId TID = new TransactionId(0x01020304, 0x05060708090a0b0cL);
    private static final StunKey KEY = StunKey.shortTerm("abcdefghijklmnopqrstuvwx");
    private static final TransportAddress PEER = TransportAddress.of("198.51.100.7", 40000);

    @Test
    void controlledIceCheckWithFourCharUfragsIs88Bytes() {
        // ice-reference §4.2: 20 + USERNAME 16 + PRIORITY 8 + ICE-CONTROLLED 12 + MI 24 + FP 8.
        StunMessage check = StunMessage.request(BINDING, TID, List.of(
                new Username("abcd:wxyz"), new Priority(1_862_270_975L), new IceControlled(42),
                new MessageIntegrity(KEY), Fingerprint.INSTANCE));
        assertThat(check.size()).isEqualTo(88);
    }

    @Test
    void controllingIceCheckWithUseCandidateIs92Bytes() {
        StunMessage check = StunMessage.request(BINDING, TID, List.of(
                new Username("abcd:wxyz"), new Priority(1_862_270_975L), new IceControlling(42),
                UseCandidate.INSTANCE, new MessageIntegrity(KEY), Fingerprint.INSTANCE));
        assertThat(check.size()).isEqualTo(92);
    }

    @Test
    void bindingSuccessResponseIs64BytesAndKeepaliveIndication28() {
        StunMessage request = StunMessage.request(BINDING, TID, List.of());
        StunMessage response = request.respondSuccess(List.of(
                new XorMappedAddress(PEER), new MessageIntegrity(KEY), Fingerprint.INSTANCE));
        StunMessage keepalive = StunMessage.indication(BINDING, TID, List.of(Fingerprint.INSTANCE));

        assertThat(request.size()).isEqualTo(20);
        assertThat(response.size()).isEqualTo(64);
        assertThat(keepalive.size()).isEqualTo(28);
    }

    @Test
    void roleConflictErrorResponseIs76Bytes() {
        StunMessage request = StunMessage.request(BINDING, TID, List.of());
        StunMessage error = request.respondError(List.of(ErrorCode.ROLE_CONFLICT, new MessageIntegrity(KEY),
                Fingerprint.INSTANCE));
        // ERROR-CODE 4 + 4 + "Role Conflict" (13, padded 16) = 24; ice-reference §4.2 "~76".
        assertThat(error.size()).isEqualTo(20 + 24 + 24 + 8);
    }

    @Test
    void sendIndicationOverheadIs36BytesForAFourByteAlignedPayload() {
        StunMessage inner = StunMessage.request(BINDING, TID, List.of());
        StunMessage send = StunMessage.indication(SEND, TID, List.of(
                new XorPeerAddress(PEER), new StunAttribute.Data(inner)));
        // ice-reference §5.2: header 20 + XOR-PEER-ADDRESS 12 + DATA header 4.
        assertThat(send.size()).isEqualTo(36 + inner.size());
    }

    @Test
    void dataValueIsPaddedToFourBytes() {
        StunAttribute.Data data = new StunAttribute.Data(new ChannelData(0x4000, new ZeroPayload(5)));
        assertThat(data.valueLength()).isEqualTo(9);
        assertThat(data.encodedLength()).isEqualTo(4 + 12);
    }

    @Test
    void responsesKeepMethodAndTransactionId() {
        StunMessage request = StunMessage.request(ALLOCATE, TID, List.of());
        StunMessage error = request.respondError(List.of(ErrorCode.UNAUTHORIZED, new Realm("example.org")));
        assertThat(error.method()).isEqualTo(ALLOCATE);
        assertThat(error.transactionId()).isEqualTo(TID);
        assertThat(error.stunClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(error.attribute(ErrorCode.class)).contains(ErrorCode.UNAUTHORIZED);
        assertThat(error.hasAttribute(Realm.class)).isTrue();
        assertThat(error.hasAttribute(Username.class)).isFalse();
        assertThat(error.attribute(Username.class)).isEmpty();
    }

    @Test
    void isSignedWithComparesTheIntegrityKey() {
        StunKey other = StunKey.shortTerm("another-password-22chr");
        StunMessage signed = StunMessage.request(BINDING, TID, List.of(new Username("a:b"), new MessageIntegrity(KEY)));
        StunMessage sha256 = StunMessage.request(BINDING, TID, List.of(new MessageIntegritySha256(KEY)));
        StunMessage unsigned = StunMessage.request(BINDING, TID, List.of(new Username("a:b"), Fingerprint.INSTANCE));

        assertThat(signed.isSignedWith(KEY)).isTrue();
        assertThat(signed.isSignedWith(other)).isFalse();
        assertThat(sha256.isSignedWith(KEY)).isTrue();
        assertThat(unsigned.isSignedWith(KEY)).isFalse();
    }

    @Test
    void errorResponseWithoutErrorCodeIsRefused() {
        StunMessage request = StunMessage.request(BINDING, TID, List.of());
        assertThatThrownBy(() -> request.respondError(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ERROR-CODE");
    }

    @Test
    void onlyRequestsCanBeAnswered() {
        StunMessage indication = StunMessage.indication(BINDING, TID, List.of());
        assertThatThrownBy(() -> indication.respondSuccess(List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("INDICATION");
    }

    @Test
    void messageTypeInterleavesClassBitsRfc8489Section5() {
        assertThat(StunMessage.request(BINDING, TID, List.of()).messageType()).isEqualTo(0x0001);
        assertThat(StunMessage.indication(BINDING, TID, List.of()).messageType()).isEqualTo(0x0011);
        assertThat(StunMessage.successResponse(BINDING, TID, List.of()).messageType()).isEqualTo(0x0101);
        assertThat(StunMessage.errorResponse(BINDING, TID, List.of()).messageType()).isEqualTo(0x0111);
        assertThat(StunMessage.request(ALLOCATE, TID, List.of()).messageType()).isEqualTo(0x0003);
        assertThat(StunMessage.errorResponse(ALLOCATE, TID, List.of()).messageType()).isEqualTo(0x0113);
        assertThat(StunMessage.indication(SEND, TID, List.of()).messageType()).isEqualTo(0x0016);
        assertThat(StunMessage.indication(DATA, TID, List.of()).messageType()).isEqualTo(0x0017);
    }

    @Test
    void fingerprintMustBeLastRfc8489Section14_7() {
        assertThatThrownBy(() -> StunMessage.request(BINDING, TID, List.of(Fingerprint.INSTANCE, new Username("a:b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot follow FINGERPRINT");
    }

    @Test
    void onlyIntegritySha256AndFingerprintMayFollowMessageIntegrityRfc8489Section14_5() {
        assertThatThrownBy(() -> StunMessage.request(BINDING, TID, List.of(new MessageIntegrity(KEY), new Username("a:b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot follow MESSAGE-INTEGRITY");
        assertThatThrownBy(() -> StunMessage.request(BINDING, TID, List.of(
                new MessageIntegritySha256(KEY), new MessageIntegrity(KEY))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MESSAGE-INTEGRITY-SHA256");
        assertThatThrownBy(() -> StunMessage.request(BINDING, TID, List.of(
                new MessageIntegrity(KEY), new MessageIntegrity(KEY))))
                .isInstanceOf(IllegalArgumentException.class);

        StunMessage both = StunMessage.request(BINDING, TID, List.of(
                new MessageIntegrity(KEY), new MessageIntegritySha256(KEY), Fingerprint.INSTANCE));
        assertThat(both.size()).isEqualTo(20 + 24 + 36 + 8);
    }

    @Test
    void transactionIdBytesRoundTripAndDrawFromTheGivenStream() {
        assertThat(TID.toBytes()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(TransactionId.fromBytes(TID.toBytes(), 0)).isEqualTo(TID);
        assertThat(TID).hasToString("0102030405060708090a0b0c");

        TransactionId a = TransactionId.random(new RandomStreams(7).stream("peer/a"));
        TransactionId b = TransactionId.random(new RandomStreams(7).stream("peer/a"));
        TransactionId c = TransactionId.random(new RandomStreams(8).stream("peer/a"));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void attributeLimitsNameTheValue() {
        assertThatThrownBy(() -> new Username("u".repeat(509)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("USERNAME").hasMessageContaining("509");
        assertThatThrownBy(() -> new Realm("r".repeat(128)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REALM").hasMessageContaining("128");
        assertThatThrownBy(() -> new ErrorCode(299, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("300..699, was 299");
        assertThatThrownBy(() -> new Priority(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRIORITY");
        assertThatThrownBy(() -> new StunAttribute.UnknownAttribute(Username.TYPE, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x0006");
    }

    @Test
    void usernameLengthCountsUtf8Bytes() {
        // RFC 5769 §2.4 user name: six katakana characters, three bytes each.
        assertThat(new Username("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9").valueLength()).isEqualTo(18);
        assertThat(new Username("\uD83D\uDE00").valueLength()).isEqualTo(4);
        assertThat(new Username("\u00E9").valueLength()).isEqualTo(2);
    }

    @Test
    void channelDataValidatesChannelAndPadsOnlyOverStreams() {
        ChannelData data = new ChannelData(0x4001, new ZeroPayload(161));
        assertThat(data.size()).isEqualTo(165);
        assertThat(data.sizeOverStream()).isEqualTo(168);
        assertThatThrownBy(() -> new ChannelData(0x5000, new ZeroPayload(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x4000..0x4FFF").hasMessageContaining("was 0x5000");
        assertThatThrownBy(() -> new ChannelData(0x3FFF, new ZeroPayload(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0x3FFF");
    }

    @Test
    void keysCompareByContent() {
        assertThat(StunKey.shortTerm("pwd")).isEqualTo(StunKey.of("pwd".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(StunKey.longTerm("user", "realm", "pass")).isNotEqualTo(StunKey.longTerm("user", "realm", "pasS"));
        assertThat(StunKey.longTerm("user", "realm", "pass").bytes()).hasSize(16);
        assertThatThrownBy(() -> StunKey.shortTerm("")).isInstanceOf(IllegalArgumentException.class);
    }
}
