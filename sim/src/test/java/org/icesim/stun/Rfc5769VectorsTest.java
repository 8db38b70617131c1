package org.icesim.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.stun.StunMethod.BINDING;

import java.util.List;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunAttribute.Fingerprint;
import org.icesim.stun.StunAttribute.IceControlled;
import org.icesim.stun.StunAttribute.MessageIntegrity;
import org.icesim.stun.StunAttribute.Nonce;
import org.icesim.stun.StunAttribute.Priority;
import org.icesim.stun.StunAttribute.Realm;
import org.icesim.stun.StunAttribute.Software;
import org.icesim.stun.StunAttribute.Username;
import org.icesim.stun.StunAttribute.XorMappedAddress;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of RFC 5769 (§2.1, §2.2, §2.4). The §2.1 and §2.2 vectors pad with spaces on
 * purpose, to test that receivers ignore padding; icesim pads with zeros as RFC 8489 §14 asks, so
 * its re-encoding of those differs in the padding and hence in the integrity and fingerprint
 * values, and everything else must match byte for byte. §2.4 pads with zeros and must match whole.
 */
class Rfc5769VectorsTest {

    private static final StunKey SHORT_TERM_KEY = StunKey.shortTerm("VOkJxbRl1RmTxUk/WvJxBt");
    private static final TransactionId VECTOR_ID = TransactionId.fromBytes(Hex.bytes("b7 e7 a7 01 bc 34 d6 86 fa 87 df ae"), 0);

    private static final byte[] SAMPLE_REQUEST = Hex.bytes("""
            00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
            00 24 00 04 6e 00 01 ff
            80 29 00 08 93 2f f9 b1 51 26 3b 36
            00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20
            00 08 00 14 9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
            80 28 00 04 e5 7a 3b cf""");

    private static final byte[] SAMPLE_IPV4_RESPONSE = Hex.bytes("""
            01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
            00 20 00 08 00 01 a1 47 e1 12 a6 43
            00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7
            80 28 00 04 c0 7d 4c 96""");

    private static final byte[] SAMPLE_LONG_TERM_REQUEST = Hex.bytes("""
            00 01 00 60 21 12 a4 42 78 ad 34 33 c6 ad 72 c0 29 da 41 2e
            00 06 00 12 e3 83 9e e3 83 88 e3 83 aa e3 83 83 e3 82 af e3 82 b9 00 00
            00 15 00 1c 66 2f 2f 34 39 39 6b 39 35 34 64 36 4f 4c 33 34 6f 4c 39 46 53 54 76 79 36 34 73 41
            00 14 00 0b 65 78 61 6d 70 6c 65 2e 6f 72 67 00
            00 08 00 14 f6 70 24 65 6d d6 4a 3e 02 b8 e0 71 2e 85 c9 a2 8c a8 96 66""");

    /** RFC 5769 §2.4: user name "マトリックス", password "TheMatrIX" after SASLprep. */
    private static final String LONG_TERM_USER = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";

    @Test
    void sampleRequestDecodesAndVerifiesRfc5769Section2_1() throws StunParseException {
        StunMessage decoded = StunCodec.decode(SAMPLE_REQUEST);

        assertThat(decoded).isEqualTo(StunMessage.request(BINDING, VECTOR_ID, List.of(
                new Software("STUN test client"), new Priority(0x6e0001ffL), new IceControlled(0x932ff9b151263b36L),
                new Username("evtj:h6vY"), new MessageIntegrity(StunKey.UNKNOWN), Fingerprint.INSTANCE)));
        assertThat(StunCodec.verifyIntegrity(SAMPLE_REQUEST, SHORT_TERM_KEY)).isTrue();
        assertThat(StunCodec.verifyIntegrity(SAMPLE_REQUEST, StunKey.shortTerm("VOkJxbRl1RmTxUk/WvJxBT"))).isFalse();
    }

    @Test
    void sampleRequestReEncodesByteForByteRfc5769Section2_1() throws StunParseException {
        StunMessage model = StunMessage.request(BINDING, VECTOR_ID, List.of(
                new Software("STUN test client"), new Priority(0x6e0001ffL), new IceControlled(0x932ff9b151263b36L),
                new Username("evtj:h6vY"), new MessageIntegrity(SHORT_TERM_KEY), Fingerprint.INSTANCE));
        byte[] encoded = StunCodec.encode(model);

        // USERNAME padding at 73..75; MESSAGE-INTEGRITY value at 80..99; FINGERPRINT value at 104..107.
        assertSameExceptPaddingAndChecks(encoded, SAMPLE_REQUEST, new int[] {73, 76}, new int[] {80, 100});
        assertThat(StunCodec.verifyIntegrity(encoded, SHORT_TERM_KEY)).isTrue();
        assertThat(StunCodec.decode(encoded)).isEqualTo(StunCodec.decode(SAMPLE_REQUEST)); // fingerprint checked
    }

    @Test
    void sampleIpv4ResponseDecodesAndReEncodesRfc5769Section2_2() throws StunParseException {
        StunMessage decoded = StunCodec.decode(SAMPLE_IPV4_RESPONSE);
        TransportAddress mapped = TransportAddress.of("192.0.2.1", 32853);

        assertThat(decoded).isEqualTo(StunMessage.successResponse(BINDING, VECTOR_ID, List.of(
                new Software("test vector"), new XorMappedAddress(mapped), new MessageIntegrity(StunKey.UNKNOWN),
                Fingerprint.INSTANCE)));
        assertThat(StunCodec.verifyIntegrity(SAMPLE_IPV4_RESPONSE, SHORT_TERM_KEY)).isTrue();

        byte[] encoded = StunCodec.encode(StunMessage.successResponse(BINDING, VECTOR_ID, List.of(
                new Software("test vector"), new XorMappedAddress(mapped), new MessageIntegrity(SHORT_TERM_KEY),
                Fingerprint.INSTANCE)));
        // SOFTWARE padding at 35; MESSAGE-INTEGRITY value at 52..71; FINGERPRINT value at 76..79.
        assertSameExceptPaddingAndChecks(encoded, SAMPLE_IPV4_RESPONSE, new int[] {35, 36}, new int[] {52, 72});
        assertThat(StunCodec.verifyIntegrity(encoded, SHORT_TERM_KEY)).isTrue();
    }

    @Test
    void longTermRequestEncodesExactlyRfc5769Section2_4() throws StunParseException {
        StunKey key = StunKey.longTerm(LONG_TERM_USER, "example.org", "TheMatrIX");
        StunMessage model = StunMessage.request(BINDING,
                TransactionId.fromBytes(Hex.bytes("78 ad 34 33 c6 ad 72 c0 29 da 41 2e"), 0), List.of(
                        new Username(LONG_TERM_USER), new Nonce("f//499k954d6OL34oL9FSTvy64sA"),
                        new Realm("example.org"), new MessageIntegrity(key)));

        assertThat(StunCodec.encode(model)).isEqualTo(SAMPLE_LONG_TERM_REQUEST);
        assertThat(model.size()).isEqualTo(SAMPLE_LONG_TERM_REQUEST.length);
        assertThat(StunCodec.verifyIntegrity(SAMPLE_LONG_TERM_REQUEST, key)).isTrue();
        assertThat(StunCodec.verifyIntegrity(SAMPLE_LONG_TERM_REQUEST,
                StunKey.longTerm(LONG_TERM_USER, "example.org", "thematrix"))).isFalse();
        assertThat(StunCodec.decode(SAMPLE_LONG_TERM_REQUEST).attribute(Username.class))
                .contains(new Username(LONG_TERM_USER));
    }

    /**
     * {@code actual} equals {@code vector} except in the padding range (where icesim writes zeros),
     * the MESSAGE-INTEGRITY value range and the FINGERPRINT value (the last 4 bytes), which
     * change because the padding is part of what they cover.
     */
    private static void assertSameExceptPaddingAndChecks(byte[] actual, byte[] vector, int[] padding, int[] integrity) {
        assertThat(actual).hasSameSizeAs(vector);
        for (int i = 0; i < vector.length; i++) {
            if (i >= padding[0] && i < padding[1]) {
                assertThat(actual[i]).as("padding byte %d", i).isZero();
                assertThat(vector[i]).as("vector padding byte %d", i).isEqualTo((byte) 0x20);
            } else if (!(i >= integrity[0] && i < integrity[1]) && i < vector.length - 4) {
                assertThat(actual[i]).as("byte %d", i).isEqualTo(vector[i]);
            }
        }
    }
}
