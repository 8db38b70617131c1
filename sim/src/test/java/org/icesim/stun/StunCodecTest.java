package org.icesim.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.stun.StunMethod.BINDING;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunAttribute.ChannelNumber;
import org.icesim.stun.StunAttribute.Data;
import org.icesim.stun.StunAttribute.ErrorCode;
import org.icesim.stun.StunAttribute.Fingerprint;
import org.icesim.stun.StunAttribute.IceControlled;
import org.icesim.stun.StunAttribute.IceControlling;
import org.icesim.stun.StunAttribute.Lifetime;
import org.icesim.stun.StunAttribute.MappedAddress;
import org.icesim.stun.StunAttribute.MessageIntegrity;
import org.icesim.stun.StunAttribute.MessageIntegritySha256;
import org.icesim.stun.StunAttribute.Nonce;
import org.icesim.stun.StunAttribute.Priority;
import org.icesim.stun.StunAttribute.Realm;
import org.icesim.stun.StunAttribute.RequestedTransport;
import org.icesim.stun.StunAttribute.Software;
import org.icesim.stun.StunAttribute.UnknownAttribute;
import org.icesim.stun.StunAttribute.UnknownAttributes;
import org.icesim.stun.StunAttribute.UseCandidate;
import org.icesim.stun.StunAttribute.Username;
import org.icesim.stun.StunAttribute.XorMappedAddress;
import org.icesim.stun.StunAttribute.XorPeerAddress;
import org.icesim.stun.StunAttribute.XorRelayedAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StunCodecTest {

    private static final TransactionId TID = new TransactionId(0x0badcafe, 0x0123456789abcdefL);
    private static final StunKey KEY = StunKey.shortTerm("abcdefghijklmnopqrstuvwx");
    private static final TransportAddress ADDRESS = TransportAddress.of("203.0.113.9", 54321);

    /** One of every attribute record icesim models, with non-trivial values. */
    static List<StunAttribute> everyAttribute() {
        StunMessage inner = StunMessage.request(BINDING, TID, List.of(new Username("ab:cd"), Fingerprint.INSTANCE));
        return List.of(
                new MappedAddress(ADDRESS),
                new XorMappedAddress(TransportAddress.of("192.0.2.1", 32853)),
                new Username("rfrag:lfrag"),
                new Username("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9"),
                new ErrorCode(438, "Stale Nonce"),
                new ErrorCode(300, ""),
                new UnknownAttributes(List.of(0x0031, 0x7FFF, 0x0002)),
                new Realm("example.org"),
                new Nonce("f//499k954d6OL34oL9FSTvy64sA"),
                new Software("icesim"),
                new Priority(0xFFFF_FFFFL),
                UseCandidate.INSTANCE,
                new IceControlling(-1L),
                new IceControlled(0x8000_0000_0000_0001L),
                new Lifetime(600),
                new XorRelayedAddress(TransportAddress.of("198.51.100.1", 49152)),
                new XorPeerAddress(TransportAddress.of("255.255.255.255", 65535)),
                RequestedTransport.UDP,
                new ChannelNumber(0x4FFF),
                new Data(new RawPayload(new byte[] {1, 2, 3, 4, 5})),
                new Data(inner),
                new UnknownAttribute(0xC001, new byte[] {9, 8, 7}));
    }

    @ParameterizedTest
    @MethodSource("everyAttribute")
    void everyAttributeRoundTrips(StunAttribute attribute) throws StunParseException {
        for (StunClass stunClass : StunClass.values()) {
            StunMessage message = new StunMessage(stunClass, StunMethod.ALLOCATE, TID,
                    List.of(attribute, new MessageIntegrity(KEY), Fingerprint.INSTANCE));
            byte[] bytes = StunCodec.encode(message);

            assertThat(bytes).hasSize(message.size());
            assertThat(StunCodec.decode(bytes)).isEqualTo(asDecoded(message));
            assertThat(StunCodec.verifyIntegrity(bytes, KEY)).isTrue();
        }
    }

    @Test
    void everyMethodAndClassRoundTrips() throws StunParseException {
        for (StunMethod method : StunMethod.values()) {
            for (StunClass stunClass : StunClass.values()) {
                StunMessage message = new StunMessage(stunClass, method, TID, List.of());
                assertThat(StunCodec.decode(StunCodec.encode(message))).isEqualTo(message);
            }
        }
    }

    @Test
    void dataCarriesTheInnerPayloadsOwnBytes() throws StunParseException {
        StunMessage check = StunMessage.request(BINDING, TID, List.of(new Username("ab:cd"),
                new MessageIntegrity(KEY), Fingerprint.INSTANCE));
        StunMessage send = StunMessage.indication(StunMethod.SEND, TID, List.of(new XorPeerAddress(ADDRESS),
                new Data(check)));

        Data data = StunCodec.decode(StunCodec.encode(send)).attribute(Data.class).orElseThrow();
        byte[] inner = ((RawPayload) data.payload()).bytes();
        assertThat(inner).isEqualTo(StunCodec.encode(check));
        assertThat(StunCodec.verifyIntegrity(inner, KEY)).isTrue();
    }

    @Test
    void sizeEqualsEncodedLengthForRandomMessageShapes() throws StunParseException {
        SplittableRandom random = new SplittableRandom(20240501);
        List<StunAttribute> pool = everyAttribute();
        for (int round = 0; round < 2000; round++) {
            List<StunAttribute> attributes = new ArrayList<>();
            int count = random.nextInt(8);
            for (int i = 0; i < count; i++) {
                attributes.add(random.nextInt(3) == 0 ? randomText(random) : pool.get(random.nextInt(pool.size())));
            }
            if (random.nextBoolean()) {
                attributes.add(new MessageIntegrity(KEY));
            }
            if (random.nextInt(4) == 0) {
                attributes.add(new MessageIntegritySha256(KEY));
            }
            if (random.nextBoolean()) {
                attributes.add(Fingerprint.INSTANCE);
            }
            StunClass stunClass = StunClass.values()[random.nextInt(4)];
            StunMethod method = StunMethod.values()[random.nextInt(StunMethod.values().length)];
            StunMessage message = new StunMessage(stunClass, method, new TransactionId(random.nextInt(),
                    random.nextLong()), attributes);

            byte[] bytes = StunCodec.encode(message);
            assertThat(bytes).as("message %s", message).hasSize(message.size());
            assertThat(StunCodec.decode(bytes)).isEqualTo(asDecoded(message));
        }
    }

    @Test
    void iceMessagesHaveTheReferenceSizesOnTheWire() {
        Username username = new Username("abcd:wxyz");
        Priority priority = new Priority(1_862_270_975L);
        byte[] controlled = StunCodec.encode(StunMessage.request(BINDING, TID, List.of(username, priority,
                new IceControlled(7), new MessageIntegrity(KEY), Fingerprint.INSTANCE)));
        byte[] controlling = StunCodec.encode(StunMessage.request(BINDING, TID, List.of(username, priority,
                new IceControlling(7), UseCandidate.INSTANCE, new MessageIntegrity(KEY), Fingerprint.INSTANCE)));
        byte[] success = StunCodec.encode(StunMessage.successResponse(BINDING, TID, List.of(
                new XorMappedAddress(ADDRESS), new MessageIntegrity(KEY), Fingerprint.INSTANCE)));
        byte[] keepalive = StunCodec.encode(StunMessage.indication(BINDING, TID, List.of(Fingerprint.INSTANCE)));

        // ice-reference §4.2.
        assertThat(controlled).hasSize(88);
        assertThat(controlling).hasSize(92);
        assertThat(success).hasSize(64);
        assertThat(keepalive).hasSize(28);
    }

    @Test
    void integrityLengthFieldCoversOnlyUpToMessageIntegrityRfc8489Section14_5() {
        byte[] bytes = StunCodec.encode(StunMessage.request(BINDING, TID, List.of(new MessageIntegrity(KEY),
                Fingerprint.INSTANCE)));
        // The final length counts FINGERPRINT; the HMAC was computed with it not counted, so
        // rewriting the length to 24 must not break verification, and any other change must.
        assertThat(StunCodec.getShort(bytes, 2)).isEqualTo(32);
        assertThat(StunCodec.verifyIntegrity(bytes, KEY)).isTrue();
        bytes[10] ^= 1; // inside the transaction ID
        assertThat(StunCodec.verifyIntegrity(bytes, KEY)).isFalse();
    }

    @Test
    void sha256IntegrityCoversTheSha1IntegrityRfc8489Section14_6() {
        byte[] bytes = StunCodec.encode(StunMessage.request(BINDING, TID, List.of(new Username("a:b"),
                new MessageIntegrity(KEY), new MessageIntegritySha256(KEY), Fingerprint.INSTANCE)));
        assertThat(StunCodec.verifyIntegrity(bytes, KEY)).isTrue();
        assertThat(StunCodec.verifyIntegritySha256(bytes, KEY)).isTrue();
        assertThat(StunCodec.verifyIntegritySha256(bytes, StunKey.shortTerm("other"))).isFalse();
        bytes[20 + 8 + 4] ^= 1; // first byte of the SHA-1 HMAC: covered by the SHA-256 one
        assertThat(StunCodec.verifyIntegritySha256(bytes, KEY)).isFalse();
    }

    @Test
    void fingerprintIsCrc32XorStunRfc8489Section14_7() {
        byte[] bytes = StunCodec.encode(StunMessage.indication(BINDING, TID, List.of(Fingerprint.INSTANCE)));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, 20);
        int expected = (int) crc.getValue() ^ 0x5354554E;
        assertThat(ByteBuffer.wrap(bytes, 24, 4).getInt()).isEqualTo(expected);
    }

    @Test
    void integrityFollowsTheKeyOfEachMessageWhenKeysAlternate() {
        StunKey other = StunKey.longTerm("alice", "example.org", "secret");
        StunMessage message = StunMessage.request(BINDING, TID, List.of(new MessageIntegrity(KEY)));
        StunMessage otherMessage = StunMessage.request(BINDING, TID, List.of(new MessageIntegrity(other)));
        byte[] first = StunCodec.encode(message);
        byte[] second = StunCodec.encode(otherMessage);
        byte[] third = StunCodec.encode(message);

        assertThat(first).isEqualTo(third).isNotEqualTo(second);
        assertThat(StunCodec.verifyIntegrity(second, other)).isTrue();
        assertThat(StunCodec.verifyIntegrity(second, KEY)).isFalse();
        assertThat(StunCodec.verifyIntegrity(first, KEY)).isTrue();
    }

    @Test
    void verifyIntegrityIsFalseWithoutIntegrityOrOnGarbage() {
        assertThat(StunCodec.verifyIntegrity(StunCodec.encode(StunMessage.request(BINDING, TID, List.of())), KEY))
                .isFalse();
        assertThat(StunCodec.verifyIntegrity(new byte[7], KEY)).isFalse();
        assertThat(StunCodec.verifyIntegrity(StunCodec.encode(StunMessage.request(BINDING, TID,
                List.of(new MessageIntegrity(KEY)))), StunKey.UNKNOWN)).isFalse();
    }

    @Test
    void decodedIntegrityCannotBeReEncoded() throws StunParseException {
        StunMessage decoded = StunCodec.decode(StunCodec.encode(StunMessage.request(BINDING, TID,
                List.of(new MessageIntegrity(KEY)))));
        assertThatThrownBy(() -> StunCodec.encode(decoded))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StunKey.UNKNOWN");
    }

    @Test
    void payloadEncodeWritesTheCodecBytesAtTheBufferPosition() {
        StunMessage message = StunMessage.request(BINDING, TID, List.of(new Username("ab:cd"),
                new MessageIntegrity(KEY), Fingerprint.INSTANCE));
        byte[] expected = StunCodec.encode(message);
        for (ByteBuffer buffer : List.of(ByteBuffer.allocate(200), ByteBuffer.allocateDirect(200))) {
            buffer.position(7);
            message.encode(buffer);
            assertThat(buffer.position()).isEqualTo(7 + expected.length);
            byte[] written = new byte[expected.length];
            buffer.position(7);
            buffer.get(written);
            assertThat(written).isEqualTo(expected);
        }
    }

    @Test
    void aPayloadThatMisstatesItsSizeIsCaught() {
        Payload liar = new Payload() {
            @Override
            public int size() {
                return 8;
            }

            @Override
            public void encode(ByteBuffer out) {
                out.putInt(1);
            }
        };
        StunMessage send = StunMessage.indication(StunMethod.SEND, TID, List.of(new Data(liar)));
        assertThatThrownBy(() -> StunCodec.encode(send))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("wrote 4 bytes").hasMessageContaining("8");
    }

    private static StunAttribute randomText(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            text.append(kind < 7 ? (char) ('a' + random.nextInt(26)) : kind < 9 ? '\u00E9' : '\u30C8');
        }
        return switch (random.nextInt(4)) {
            case 0 -> new Username(text.toString());
            case 1 -> new Realm(text.toString());
            case 2 -> new Software(text.toString());
            default -> new ErrorCode(400 + random.nextInt(100), text.toString());
        };
    }

    /** What the decoder yields for {@code message}: integrity keys unknown, DATA as raw bytes. */
    static StunMessage asDecoded(StunMessage message) {
        List<StunAttribute> attributes = new ArrayList<>();
        for (StunAttribute attribute : message.attributes()) {
            if (attribute instanceof MessageIntegrity) {
                attributes.add(new MessageIntegrity(StunKey.UNKNOWN));
            } else if (attribute instanceof MessageIntegritySha256) {
                attributes.add(new MessageIntegritySha256(StunKey.UNKNOWN));
            } else if (attribute instanceof Data data && !(data.payload() instanceof RawPayload)) {
                byte[] bytes = new byte[data.payload().size()];
                data.payload().encode(ByteBuffer.wrap(bytes));
                attributes.add(new Data(new RawPayload(bytes)));
            } else {
                attributes.add(attribute);
            }
        }
        return new StunMessage(message.stunClass(), message.method(), message.transactionId(), attributes);
    }
}
