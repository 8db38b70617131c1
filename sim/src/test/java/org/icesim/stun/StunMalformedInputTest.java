package org.icesim.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.icesim.stun.StunMethod.BINDING;

import java.util.Arrays;
import java.util.List;
import org.icesim.stun.StunAttribute.ErrorCode;
import org.icesim.stun.StunAttribute.Fingerprint;
import org.icesim.stun.StunAttribute.MessageIntegrity;
import org.icesim.stun.StunAttribute.Priority;
import org.icesim.stun.StunAttribute.Software;
import org.icesim.stun.StunAttribute.UnknownAttribute;
import org.icesim.stun.StunAttribute.UnknownAttributes;
import org.icesim.stun.StunAttribute.Username;
import org.icesim.stun.StunParseException.Defect;
import org.junit.jupiter.api.Test;

/** Every class of malformed input, and what a server answers (RFC 8489 §6.3, §6.3.1.1). */
class StunMalformedInputTest {

    private static final TransactionId TID = new TransactionId(0x11223344, 0x5566778899aabbccL);
    private static final StunKey KEY = StunKey.shortTerm("password-of-twenty-two");

    /** Binding request: SOFTWARE at 20 (value 24..27), FINGERPRINT at 28. */
    private static byte[] request() {
        return StunCodec.encode(StunMessage.request(BINDING, TID, List.of(new Software("abc"), Fingerprint.INSTANCE)));
    }

    private static StunParseException failure(byte[] bytes) {
        return catchThrowableOfType(StunParseException.class, () -> StunCodec.decode(bytes));
    }

    @Test
    void shorterThanAHeaderIsTruncated() {
        StunParseException e = failure(Arrays.copyOf(request(), 19));
        assertThat(e.defect()).isEqualTo(Defect.TRUNCATED);
        assertThat(e).hasMessageContaining("TRUNCATED at offset 0").hasMessageContaining("got 19");
        assertThat(e.errorResponse()).isEmpty();
    }

    @Test
    void lengthFieldBeyondTheBytesIsTruncated() {
        byte[] bytes = Arrays.copyOf(request(), 32);
        StunParseException e = failure(bytes);
        assertThat(e.defect()).isEqualTo(Defect.TRUNCATED);
        assertThat(e.offset()).isEqualTo(2);
    }

    @Test
    void bytesBeyondTheLengthFieldAreALengthMismatch() {
        StunParseException e = failure(Arrays.copyOf(request(), 40));
        assertThat(e.defect()).isEqualTo(Defect.LENGTH_MISMATCH);
        assertThat(e).hasMessageContaining("says 16 bytes").hasMessageContaining("20 were received");
    }

    @Test
    void lengthNotAMultipleOfFourRfc8489Section5() {
        byte[] bytes = request();
        bytes[3] = 15;
        StunParseException e = failure(bytes);
        assertThat(e.defect()).isEqualTo(Defect.BAD_LENGTH);
        assertThat(e).hasMessageContaining("offset 2").hasMessageContaining("multiple of 4, was 15");
    }

    @Test
    void wrongMagicCookieRfc8489Section5() {
        byte[] bytes = request();
        bytes[7] = 0x43;
        StunParseException e = failure(bytes);
        assertThat(e.defect()).isEqualTo(Defect.BAD_MAGIC_COOKIE);
        assertThat(e).hasMessageContaining("offset 4").hasMessageContaining("0x2112A443");
    }

    @Test
    void firstTwoBitsNotZeroIsNotStun() {
        byte[] bytes = request();
        bytes[0] = 0x40;
        assertThat(failure(bytes).defect()).isEqualTo(Defect.NOT_STUN);
    }

    @Test
    void unknownMethodIsRefused() {
        byte[] bytes = request();
        bytes[1] = 0x02; // the RFC 3489 Shared Secret method, retired
        StunParseException e = failure(bytes);
        assertThat(e.defect()).isEqualTo(Defect.UNKNOWN_METHOD);
        assertThat(e).hasMessageContaining("0x002");
    }

    @Test
    void fingerprintMismatchRfc8489Section7_3() {
        byte[] bytes = request();
        bytes[25] ^= 0x01; // inside SOFTWARE, covered by the CRC
        StunParseException e = failure(bytes);
        assertThat(e.defect()).isEqualTo(Defect.BAD_FINGERPRINT);
        assertThat(e.offset()).isEqualTo(28);
        assertThat(e.errorResponse()).as("not STUN after all: discard").isEmpty();
    }

    @Test
    void attributeOverrunningTheMessageEarns400() {
        byte[] bytes = request();
        bytes[23] = 13; // SOFTWARE claims 13 bytes (16 padded) where only 12 remain
        StunParseException e = failure(bytes);
        assertThat(e.defect()).isEqualTo(Defect.ATTRIBUTE_OVERRUN);
        assertThat(e).hasMessageContaining("offset 20").hasMessageContaining("0x8022");
        assertThat(e.errorResponse()).hasValueSatisfying(response -> {
            assertThat(response.stunClass()).isEqualTo(StunClass.ERROR_RESPONSE);
            assertThat(response.transactionId()).isEqualTo(TID);
            assertThat(response.attribute(ErrorCode.class)).contains(ErrorCode.BAD_REQUEST);
        });
    }

    @Test
    void malformedAttributeValueEarns400Rfc8489Section6_3_1_1() {
        byte[] bytes = StunCodec.encode(StunMessage.request(BINDING, TID, List.of(new Priority(5))));
        bytes[23] = 3; // PRIORITY of 3 bytes: still inside the message, wrong for the type
        StunParseException e = failure(bytes);
        assertThat(e.defect()).isEqualTo(Defect.BAD_ATTRIBUTE);
        assertThat(e).hasMessageContaining("0x0024").hasMessageContaining("must be 4 bytes, was 3");
        assertThat(e.errorResponse().orElseThrow().attribute(ErrorCode.class)).contains(ErrorCode.BAD_REQUEST);
    }

    @Test
    void valueTheModelRefusesIsAMalformedAttribute() {
        byte[] bytes = StunCodec.encode(StunMessage.request(StunMethod.CHANNEL_BIND, TID,
                List.of(new StunAttribute.ChannelNumber(0x4000))));
        bytes[24] = 0x50; // channel 0x5000, outside RFC 8656 §12's range
        StunParseException e = failure(bytes);
        assertThat(e.defect()).isEqualTo(Defect.BAD_ATTRIBUTE);
        assertThat(e).hasMessageContaining("0x000C").hasMessageContaining("0x5000");
    }

    @Test
    void unknownComprehensionRequiredAttributesEarn420WithTheirTypesRfc8489Section6_3_1_1() {
        byte[] bytes = StunCodec.encode(StunMessage.request(BINDING, TID, List.of(
                new UnknownAttribute(0x0031, new byte[] {1}), new UnknownAttribute(0xC0DE, new byte[2]),
                new UnknownAttribute(0x7F00, new byte[0]))));
        StunParseException e = failure(bytes);

        assertThat(e.defect()).isEqualTo(Defect.UNKNOWN_COMPREHENSION_REQUIRED);
        assertThat(e.unknownAttributes()).containsExactly(0x0031, 0x7F00);
        assertThat(e).hasMessageContaining("offset 20").hasMessageContaining("[0x0031, 0x7F00]");
        assertThat(e.errorResponse()).contains(StunMessage.errorResponse(BINDING, TID, List.of(
                ErrorCode.UNKNOWN_ATTRIBUTE, new UnknownAttributes(List.of(0x0031, 0x7F00)))));
    }

    @Test
    void unknownComprehensionRequiredInAnIndicationIsReportedButNotAnswered() {
        byte[] bytes = StunCodec.encode(StunMessage.indication(BINDING, TID, List.of(
                new UnknownAttribute(0x0031, new byte[] {1}))));
        StunParseException e = failure(bytes);
        assertThat(e.defect()).isEqualTo(Defect.UNKNOWN_COMPREHENSION_REQUIRED);
        assertThat(e.errorResponse()).isEmpty();
    }

    @Test
    void unknownComprehensionOptionalAttributesAreKept() throws StunParseException {
        StunMessage message = StunMessage.request(BINDING, TID, List.of(new UnknownAttribute(0xC057, new byte[] {0, 1})));
        assertThat(StunCodec.decode(StunCodec.encode(message))).isEqualTo(message);
    }

    @Test
    void ipv6AddressIsAnUnsupportedFamilyRfc5769Section2_3() {
        byte[] ipv6Response = Hex.bytes("""
                01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
                80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
                00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9
                00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75 bf e3 ed 41
                80 28 00 04 c8 fb 0b 4c""");
        StunParseException e = failure(ipv6Response);
        assertThat(e.defect()).isEqualTo(Defect.UNSUPPORTED_ADDRESS_FAMILY);
        assertThat(e.offset()).isEqualTo(36);
        assertThat(e.errorResponse()).as("a response is never answered").isEmpty();
        // The vector is otherwise sound: its integrity verifies.
        assertThat(StunCodec.verifyIntegrity(ipv6Response, StunKey.shortTerm("VOkJxbRl1RmTxUk/WvJxBt"))).isTrue();
    }

    @Test
    void ipv4OnlyServerAnswersAnIpv6PeerAddressWith440() {
        byte[] bytes = StunCodec.encode(StunMessage.request(StunMethod.CREATE_PERMISSION, TID, List.of(
                new StunAttribute.UnknownAttribute(0xC000, new byte[20]))));
        bytes[20] = 0x00; // turn the placeholder into XOR-PEER-ADDRESS (0x0012) of family IPv6
        bytes[21] = 0x12;
        bytes[25] = 0x02;
        StunParseException e = failure(bytes);
        assertThat(e.defect()).isEqualTo(Defect.UNSUPPORTED_ADDRESS_FAMILY);
        assertThat(e.errorResponse().orElseThrow().attribute(ErrorCode.class))
                .contains(ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED);
    }

    @Test
    void attributeAfterFingerprintIsRefusedRfc8489Section14_7() {
        byte[] valid = StunCodec.encode(StunMessage.request(BINDING, TID, List.of(Fingerprint.INSTANCE)));
        byte[] bytes = Arrays.copyOf(valid, valid.length + 8);
        bytes[3] = 16;
        bytes[28] = (byte) 0x80; // SOFTWARE "abcd" after FINGERPRINT
        bytes[29] = 0x22;
        bytes[31] = 4;
        System.arraycopy("abcd".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, bytes, 32, 4);
        StunCodec.putInt(bytes, 24, StunCodec.crc32(bytes, 0, 20) ^ StunCodec.FINGERPRINT_XOR);

        StunParseException e = failure(bytes);
        assertThat(e.defect()).isEqualTo(Defect.FINGERPRINT_NOT_LAST);
        assertThat(e.offset()).isEqualTo(28);
    }

    @Test
    void attributesAfterMessageIntegrityAreIgnoredRfc8489Section9() throws StunParseException {
        byte[] signed = StunCodec.encode(StunMessage.request(BINDING, TID, List.of(new MessageIntegrity(KEY))));
        byte[] bytes = Arrays.copyOf(signed, signed.length + 8);
        bytes[3] = 32;
        bytes[44] = 0x00; // an unknown comprehension-required attribute, then nothing else
        bytes[45] = 0x31;
        bytes[47] = 4;

        StunMessage decoded = StunCodec.decode(bytes);
        assertThat(decoded.attributes()).containsExactly(new MessageIntegrity(StunKey.UNKNOWN));
        assertThat(StunCodec.verifyIntegrity(bytes, KEY)).isTrue();
    }

    @Test
    void usernameAfterIntegrityIsNotTakenAsTheUsername() throws StunParseException {
        byte[] signed = StunCodec.encode(StunMessage.request(BINDING, TID, List.of(new MessageIntegrity(KEY))));
        byte[] extra = StunCodec.encode(StunMessage.request(BINDING, TID, List.of(new Username("evil"))));
        byte[] bytes = Arrays.copyOf(signed, signed.length + extra.length - 20);
        System.arraycopy(extra, 20, bytes, signed.length, extra.length - 20);
        bytes[3] = (byte) (bytes.length - 20);
        assertThat(StunCodec.decode(bytes).hasAttribute(Username.class)).isFalse();
    }
}
