package org.icesim.stun;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.icesim.net.Ipv4Address;
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
import org.icesim.stun.StunParseException.Defect;

/**
 * STUN messages to and from their wire bytes (RFC 8489 §5, §14; TURN attributes RFC 8656 §18;
 * ICE attributes RFC 8445 §16.1). Only pcap writing, tests and benchmarks need this: the
 * simulator carries {@link StunMessage} values.
 *
 * <p>MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT are computed here from the key
 * the model names. A decoded message cannot know the sender's key, so its integrity attributes
 * name {@link StunKey#UNKNOWN}; check the received bytes with {@link #verifyIntegrity}.
 *
 * <p>Stateless; the HMAC and CRC engines are kept per thread because batch runs decode on
 * several threads at once.
 */
public final class StunCodec {

    /** RFC 8489 §14.7: the CRC-32 is XORed with this ("STUN" in ASCII). */
    static final int FINGERPRINT_XOR = 0x5354554E;

    private static final int FAMILY_IPV4 = 0x01;
    private static final int FAMILY_IPV6 = 0x02;
    private static final String HMAC_SHA1 = "HmacSHA1";
    private static final String HMAC_SHA256 = "HmacSHA256";

    private static final ThreadLocal<Hmac> SHA1_MAC = ThreadLocal.withInitial(() -> new Hmac(HMAC_SHA1));
    private static final ThreadLocal<Hmac> SHA256_MAC = ThreadLocal.withInitial(() -> new Hmac(HMAC_SHA256));
    private static final ThreadLocal<CRC32> CRC = ThreadLocal.withInitial(CRC32::new);

    private StunCodec() {
    }

    // ----------------------------------------------------------------------------------------
    // encoding

    /** The message's wire bytes; exactly {@link StunMessage#size()} of them. */
    public static byte[] encode(StunMessage message) {
        byte[] out = new byte[message.size()];
        encodeInto(message, out, 0);
        return out;
    }

    /** Writes the message's wire bytes at the buffer's position and advances it. */
    public static void encode(StunMessage message, ByteBuffer out) {
        if (out.hasArray() && !out.isReadOnly()) {
            int size = message.size();
            if (out.remaining() < size) {
                throw new BufferOverflowException();
            }
            encodeInto(message, out.array(), out.arrayOffset() + out.position());
            out.position(out.position() + size);
        } else {
            out.put(encode(message));
        }
    }

    private static void encodeInto(StunMessage message, byte[] out, int start) {
        for (StunAttribute attribute : message.attributes()) {
            requireEncodableKey(attribute);
        }
        int end = start + message.size();
        putShort(out, start, message.messageType());
        putShort(out, start + 2, end - start - StunMessage.HEADER_BYTES);
        putInt(out, start + 4, StunMessage.MAGIC_COOKIE);
        TransactionId id = message.transactionId();
        putInt(out, start + 8, id.high());
        putLong(out, start + 12, id.low());

        int position = start + StunMessage.HEADER_BYTES;
        for (StunAttribute attribute : message.attributes()) {
            int valueLength = attribute.valueLength();
            putShort(out, position, attribute.type());
            putShort(out, position + 2, valueLength);
            int value = position + StunAttribute.HEADER_BYTES;
            int next = position + attribute.encodedLength();
            if (attribute instanceof MessageIntegrity integrity) {
                // RFC 8489 §14.5: the HMAC covers the message up to this attribute, with the
                // length field counting up to and including it.
                putShort(out, start + 2, next - start - StunMessage.HEADER_BYTES);
                SHA1_MAC.get().compute(integrity.key(), out, start, position, out, value);
                putShort(out, start + 2, end - start - StunMessage.HEADER_BYTES);
            } else if (attribute instanceof MessageIntegritySha256 integrity) {
                // RFC 8489 §14.6: same rule as MESSAGE-INTEGRITY, with HMAC-SHA256.
                putShort(out, start + 2, next - start - StunMessage.HEADER_BYTES);
                SHA256_MAC.get().compute(integrity.key(), out, start, position, out, value);
                putShort(out, start + 2, end - start - StunMessage.HEADER_BYTES);
            } else if (attribute instanceof Fingerprint) {
                // RFC 8489 §14.7: FINGERPRINT is last, so the length field already counts it.
                putInt(out, value, crc32(out, start, position - start) ^ FINGERPRINT_XOR);
            } else {
                writeValue(attribute, out, value, valueLength);
            }
            for (int pad = value + valueLength; pad < next; pad++) {
                out[pad] = 0; // RFC 8489 §14: padding is sent as zeros
            }
            position = next;
        }
    }

    private static void writeValue(StunAttribute attribute, byte[] out, int at, int length) {
        if (attribute instanceof Username a) {
            putUtf8(out, at, a.value(), length);
        } else if (attribute instanceof Priority a) {
            putInt(out, at, (int) a.priority());
        } else if (attribute instanceof IceControlling a) {
            putLong(out, at, a.tieBreaker());
        } else if (attribute instanceof IceControlled a) {
            putLong(out, at, a.tieBreaker());
        } else if (attribute instanceof UseCandidate) {
            // no value
        } else if (attribute instanceof XorMappedAddress a) {
            putXorAddress(out, at, a.address());
        } else if (attribute instanceof XorPeerAddress a) {
            putXorAddress(out, at, a.address());
        } else if (attribute instanceof XorRelayedAddress a) {
            putXorAddress(out, at, a.address());
        } else if (attribute instanceof Data a) {
            writePayload(a.payload(), out, at, length);
        } else if (attribute instanceof MappedAddress a) {
            putAddress(out, at, a.address().port(), a.address().ip().bits());
        } else if (attribute instanceof ErrorCode a) {
            // RFC 8489 §14.8: 21 reserved bits, 3-bit class (hundreds), 8-bit number (0..99).
            putShort(out, at, 0);
            out[at + 2] = (byte) (a.code() / 100);
            out[at + 3] = (byte) (a.code() % 100);
            putUtf8(out, at + 4, a.reason(), length - 4);
        } else if (attribute instanceof UnknownAttributes a) {
            List<Integer> types = a.types();
            for (int i = 0; i < types.size(); i++) {
                putShort(out, at + 2 * i, types.get(i));
            }
        } else if (attribute instanceof Realm a) {
            putUtf8(out, at, a.value(), length);
        } else if (attribute instanceof Nonce a) {
            putUtf8(out, at, a.value(), length);
        } else if (attribute instanceof Software a) {
            putUtf8(out, at, a.value(), length);
        } else if (attribute instanceof Lifetime a) {
            putInt(out, at, (int) a.seconds());
        } else if (attribute instanceof RequestedTransport a) {
            // RFC 8656 §18.7: protocol number, then 24 reserved bits.
            putInt(out, at, a.protocol() << 24);
        } else if (attribute instanceof ChannelNumber a) {
            // RFC 8656 §18.1: channel number, then 16 reserved bits.
            putInt(out, at, a.channel() << 16);
        } else if (attribute instanceof UnknownAttribute a) {
            System.arraycopy(a.value(), 0, out, at, length);
        } else {
            // Integrity and fingerprint are written by the caller; every other record is above.
            throw new IllegalStateException("no encoding for attribute " + attribute);
        }
    }

    /** Writes {@code payload}'s bytes into {@code out[at .. at+length)}, checking it wrote exactly its size. */
    static void writePayload(Payload payload, byte[] out, int at, int length) {
        ByteBuffer window = ByteBuffer.wrap(out, at, length);
        payload.encode(window);
        if (window.position() != at + length) {
            throw new IllegalStateException("payload " + payload + " wrote " + (window.position() - at)
                    + " bytes, but its size() is " + length);
        }
    }

    private static void requireEncodableKey(StunAttribute attribute) {
        StunKey key = attribute instanceof MessageIntegrity mi ? mi.key()
                : attribute instanceof MessageIntegritySha256 mi256 ? mi256.key()
                : null;
        if (key == StunKey.UNKNOWN) {
            throw new IllegalArgumentException("cannot encode " + attribute + ": its key is StunKey.UNKNOWN (a decoded"
                    + " message); build the message with the key to sign it with");
        }
    }

    // ----------------------------------------------------------------------------------------
    // decoding

    /** Decodes a whole STUN message that fills {@code bytes}. */
    public static StunMessage decode(byte[] bytes) throws StunParseException {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Decodes the STUN message occupying {@code bytes[offset .. offset+length)}; offsets in
     * exceptions are relative to {@code offset}. Attributes after MESSAGE-INTEGRITY other than
     * MESSAGE-INTEGRITY-SHA256 and FINGERPRINT are ignored, as RFC 8489 §9 requires; unknown
     * comprehension-optional attributes are kept as {@link UnknownAttribute}.
     */
    public static StunMessage decode(byte[] bytes, int offset, int length) throws StunParseException {
        if (length < StunMessage.HEADER_BYTES) {
            throw new StunParseException(Defect.TRUNCATED, 0, "a STUN header needs 20 bytes, got " + length);
        }
        int type = getShort(bytes, offset);
        if ((type & 0xC000) != 0) {
            throw new StunParseException(Defect.NOT_STUN, 0, String.format(
                    "the first two bits must be 0 (RFC 8489 §5), message type was 0x%04X", type));
        }
        int bodyLength = getShort(bytes, offset + 2);
        if (bodyLength % 4 != 0) {
            throw new StunParseException(Defect.BAD_LENGTH, 2, "message length must be a multiple of 4, was "
                    + bodyLength);
        }
        if (StunMessage.HEADER_BYTES + bodyLength != length) {
            throw new StunParseException(bodyLength + StunMessage.HEADER_BYTES > length ? Defect.TRUNCATED
                    : Defect.LENGTH_MISMATCH, 2, "message length field says " + bodyLength + " bytes after the header, "
                    + (length - StunMessage.HEADER_BYTES) + " were received");
        }
        int cookie = getInt(bytes, offset + 4);
        if (cookie != StunMessage.MAGIC_COOKIE) {
            throw new StunParseException(Defect.BAD_MAGIC_COOKIE, 4, String.format(
                    "magic cookie must be 0x2112A442, was 0x%08X", cookie));
        }
        int methodCode = (type & 0x000F) | (type & 0x00E0) >>> 1 | (type & 0x3E00) >>> 2;
        StunClass stunClass = StunClass.fromBits((type >>> 4 & 1) | (type >>> 7 & 2));
        StunMethod method = StunMethod.fromCode(methodCode).orElse(null);
        if (method == null) {
            throw new StunParseException(Defect.UNKNOWN_METHOD, 0, String.format("method 0x%03X is not supported",
                    methodCode));
        }
        TransactionId id = new TransactionId(getInt(bytes, offset + 8), getLong(bytes, offset + 12));
        StunMessage request = stunClass == StunClass.REQUEST ? StunMessage.request(method, id, List.of()) : null;

        List<StunAttribute> attributes = new ArrayList<>();
        List<Integer> unknownRequired = new ArrayList<>();
        int firstUnknownAt = 0;
        int position = StunMessage.HEADER_BYTES;
        int tail = 0; // 0 none, 1 after MESSAGE-INTEGRITY, 2 after MESSAGE-INTEGRITY-SHA256, 3 after FINGERPRINT
        while (position < length) {
            int attributeType = getShort(bytes, offset + position);
            int valueLength = getShort(bytes, offset + position + 2);
            int next = position + StunAttribute.HEADER_BYTES + StunAttribute.padded(valueLength);
            if (next > length) {
                throw new StunParseException(Defect.ATTRIBUTE_OVERRUN, position, String.format(
                        "attribute 0x%04X of length %d (%d padded) runs past the message end at %d", attributeType,
                        valueLength, StunAttribute.padded(valueLength), length), List.of(), request);
            }
            if (tail == 3) {
                throw new StunParseException(Defect.FINGERPRINT_NOT_LAST, position, String.format(
                        "attribute 0x%04X follows FINGERPRINT", attributeType), List.of(), request);
            }
            boolean ignored = tail > 0 && !(attributeType == Fingerprint.TYPE
                    || attributeType == MessageIntegritySha256.TYPE && tail < 2);
            if (!ignored) {
                int value = offset + position + StunAttribute.HEADER_BYTES;
                if (attributeType == Fingerprint.TYPE) {
                    checkFingerprint(bytes, offset, position, valueLength);
                    attributes.add(Fingerprint.INSTANCE);
                    tail = 3;
                } else if (attributeType == MessageIntegrity.TYPE) {
                    requireLength(attributeType, valueLength, MessageIntegrity.HMAC_BYTES, position, request);
                    attributes.add(new MessageIntegrity(StunKey.UNKNOWN));
                    tail = 1;
                } else if (attributeType == MessageIntegritySha256.TYPE) {
                    requireLength(attributeType, valueLength, MessageIntegritySha256.HMAC_BYTES, position, request);
                    attributes.add(new MessageIntegritySha256(StunKey.UNKNOWN));
                    tail = 2;
                } else if (StunAttribute.isKnownType(attributeType)) {
                    attributes.add(decodeValue(attributeType, bytes, value, valueLength, position, request));
                } else if (StunAttribute.isComprehensionRequired(attributeType)) {
                    firstUnknownAt = unknownRequired.isEmpty() ? position : firstUnknownAt;
                    unknownRequired.add(attributeType);
                } else {
                    byte[] raw = new byte[valueLength];
                    System.arraycopy(bytes, value, raw, 0, valueLength);
                    attributes.add(new UnknownAttribute(attributeType, raw));
                }
            }
            position = next;
        }
        if (!unknownRequired.isEmpty()) {
            throw new StunParseException(Defect.UNKNOWN_COMPREHENSION_REQUIRED, firstUnknownAt,
                    "unknown comprehension-required attributes " + hexTypes(unknownRequired), unknownRequired, request);
        }
        return new StunMessage(stunClass, method, id, attributes);
    }

    private static StunAttribute decodeValue(int type, byte[] bytes, int at, int length, int position,
            StunMessage request) throws StunParseException {
        try {
            switch (type) {
                case Username.TYPE:
                    return new Username(getUtf8(bytes, at, length));
                case Priority.TYPE:
                    requireLength(type, length, 4, position, request);
                    return new Priority(Integer.toUnsignedLong(getInt(bytes, at)));
                case IceControlling.TYPE:
                    requireLength(type, length, 8, position, request);
                    return new IceControlling(getLong(bytes, at));
                case IceControlled.TYPE:
                    requireLength(type, length, 8, position, request);
                    return new IceControlled(getLong(bytes, at));
                case UseCandidate.TYPE:
                    requireLength(type, length, 0, position, request);
                    return UseCandidate.INSTANCE;
                case XorMappedAddress.TYPE:
                    return new XorMappedAddress(getXorAddress(type, bytes, at, length, position, request));
                case XorPeerAddress.TYPE:
                    return new XorPeerAddress(getXorAddress(type, bytes, at, length, position, request));
                case XorRelayedAddress.TYPE:
                    return new XorRelayedAddress(getXorAddress(type, bytes, at, length, position, request));
                case MappedAddress.TYPE:
                    return new MappedAddress(getAddress(type, bytes, at, length, position, request, 0, 0));
                case Data.TYPE: {
                    byte[] data = new byte[length];
                    System.arraycopy(bytes, at, data, 0, length);
                    return new Data(new RawPayload(data));
                }
                case ErrorCode.TYPE: {
                    if (length < 4) {
                        throw badAttribute(type, position, "value must be at least 4 bytes, was " + length, request);
                    }
                    int hundreds = bytes[at + 2] & 0x07;
                    int number = bytes[at + 3] & 0xff;
                    if (number > 99) {
                        throw badAttribute(type, position, "error number must be in 0..99, was " + number, request);
                    }
                    return new ErrorCode(hundreds * 100 + number, getUtf8(bytes, at + 4, length - 4));
                }
                case UnknownAttributes.TYPE: {
                    if (length % 2 != 0) {
                        throw badAttribute(type, position, "value must hold whole 16-bit types, length was " + length,
                                request);
                    }
                    List<Integer> types = new ArrayList<>(length / 2);
                    for (int i = 0; i < length; i += 2) {
                        types.add(getShort(bytes, at + i));
                    }
                    return new UnknownAttributes(types);
                }
                case Realm.TYPE:
                    return new Realm(getUtf8(bytes, at, length));
                case Nonce.TYPE:
                    return new Nonce(getUtf8(bytes, at, length));
                case Software.TYPE:
                    return new Software(getUtf8(bytes, at, length));
                case Lifetime.TYPE:
                    requireLength(type, length, 4, position, request);
                    return new Lifetime(Integer.toUnsignedLong(getInt(bytes, at)));
                case RequestedTransport.TYPE:
                    requireLength(type, length, 4, position, request);
                    return new RequestedTransport(bytes[at] & 0xff);
                case ChannelNumber.TYPE:
                    requireLength(type, length, 4, position, request);
                    return new ChannelNumber(getShort(bytes, at));
                default:
                    throw new IllegalStateException(String.format("known attribute type 0x%04X has no decoder", type));
            }
        } catch (IllegalArgumentException e) {
            // A value the model refuses (too long, channel out of range, bad error class).
            throw badAttribute(type, position, e.getMessage(), request);
        }
    }

    private static void requireLength(int type, int length, int expected, int position, StunMessage request)
            throws StunParseException {
        if (length != expected) {
            throw badAttribute(type, position, "value must be " + expected + " bytes, was " + length, request);
        }
    }

    private static StunParseException badAttribute(int type, int position, String detail, StunMessage request) {
        return new StunParseException(Defect.BAD_ATTRIBUTE, position, String.format("attribute 0x%04X: %s", type,
                detail), List.of(), request);
    }

    private static void checkFingerprint(byte[] bytes, int offset, int position, int valueLength)
            throws StunParseException {
        if (valueLength != 4) {
            throw new StunParseException(Defect.BAD_FINGERPRINT, position, "FINGERPRINT value must be 4 bytes, was "
                    + valueLength);
        }
        int expected = crc32(bytes, offset, position) ^ FINGERPRINT_XOR;
        int actual = getInt(bytes, offset + position + StunAttribute.HEADER_BYTES);
        if (expected != actual) {
            throw new StunParseException(Defect.BAD_FINGERPRINT, position, String.format(
                    "FINGERPRINT is 0x%08X, the message's CRC-32 XOR 0x5354554E is 0x%08X", actual, expected));
        }
    }

    // ----------------------------------------------------------------------------------------
    // integrity

    /**
     * Whether the MESSAGE-INTEGRITY in {@code message} is the HMAC-SHA1 of the message under
     * {@code key} (RFC 8489 §14.5). False when the bytes carry no MESSAGE-INTEGRITY or are not a
     * well-formed STUN message.
     */
    public static boolean verifyIntegrity(byte[] message, StunKey key) {
        return verify(message, key, MessageIntegrity.TYPE, SHA1_MAC.get());
    }

    /** Like {@link #verifyIntegrity}, for MESSAGE-INTEGRITY-SHA256 with HMAC-SHA256 (RFC 8489 §14.6). */
    public static boolean verifyIntegritySha256(byte[] message, StunKey key) {
        return verify(message, key, MessageIntegritySha256.TYPE, SHA256_MAC.get());
    }

    private static boolean verify(byte[] message, StunKey key, int integrityType, Hmac hmac) {
        if (key == StunKey.UNKNOWN || message.length < StunMessage.HEADER_BYTES
                || getShort(message, 2) + StunMessage.HEADER_BYTES != message.length) {
            return false;
        }
        int position = StunMessage.HEADER_BYTES;
        while (position + StunAttribute.HEADER_BYTES <= message.length) {
            int type = getShort(message, position);
            int valueLength = getShort(message, position + 2);
            int next = position + StunAttribute.HEADER_BYTES + StunAttribute.padded(valueLength);
            if (next > message.length) {
                return false;
            }
            if (type == integrityType) {
                if (valueLength != hmac.length()) {
                    return false;
                }
                // The HMAC input is the message up to this attribute with the length field
                // rewritten to end just after it (RFC 8489 §14.5): patch a copy of the header.
                byte[] header = new byte[StunMessage.HEADER_BYTES];
                System.arraycopy(message, 0, header, 0, StunMessage.HEADER_BYTES);
                putShort(header, 2, next - StunMessage.HEADER_BYTES);
                byte[] expected = hmac.compute(key, header, message, StunMessage.HEADER_BYTES, position);
                byte[] actual = new byte[expected.length];
                System.arraycopy(message, position + StunAttribute.HEADER_BYTES, actual, 0, actual.length);
                return MessageDigest.isEqual(expected, actual);
            }
            position = next;
        }
        return false;
    }

    /**
     * One thread's HMAC engine for one algorithm. It keeps the last key it was initialised with:
     * a run signs most messages with the same few keys, and re-initialising costs a key schedule.
     */
    private static final class Hmac {
        private final Mac mac;
        private final String algorithm;
        private StunKey key;

        Hmac(String algorithm) {
            this.algorithm = algorithm;
            try {
                this.mac = Mac.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                // HmacSHA1 and HmacSHA256 are required of every Java platform (javax.crypto.Mac).
                throw new IllegalStateException(algorithm + " is not available on this Java platform", e);
            }
        }

        int length() {
            return mac.getMacLength();
        }

        /** HMAC of {@code in[from .. to)} under {@code key}, written at {@code out[at]}. */
        void compute(StunKey key, byte[] in, int from, int to, byte[] out, int at) {
            use(key);
            mac.update(in, from, to - from);
            try {
                mac.doFinal(out, at);
            } catch (ShortBufferException e) {
                throw new IllegalStateException("HMAC output does not fit the attribute", e);
            }
        }

        /** HMAC of {@code header} followed by {@code body[from .. to)} under {@code key}. */
        byte[] compute(StunKey key, byte[] header, byte[] body, int from, int to) {
            use(key);
            mac.update(header);
            mac.update(body, from, to - from);
            return mac.doFinal();
        }

        private void use(StunKey newKey) {
            if (newKey.equals(key)) {
                return; // doFinal left the engine reset under this key
            }
            try {
                mac.init(new SecretKeySpec(newKey.rawBytes(), algorithm));
            } catch (InvalidKeyException e) {
                throw new IllegalArgumentException("key " + newKey + " is not usable for " + algorithm, e);
            }
            key = newKey;
        }
    }

    static int crc32(byte[] bytes, int offset, int length) {
        CRC32 crc = CRC.get();
        crc.reset();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    // ----------------------------------------------------------------------------------------
    // addresses (RFC 8489 §14.1, §14.2)

    private static void putAddress(byte[] out, int at, int port, int address) {
        out[at] = 0;
        out[at + 1] = FAMILY_IPV4;
        putShort(out, at + 2, port);
        putInt(out, at + 4, address);
    }

    /** X-Port is the port XOR the cookie's top 16 bits, X-Address the address XOR the cookie (IPv4). */
    private static void putXorAddress(byte[] out, int at, TransportAddress address) {
        putAddress(out, at, address.port() ^ (StunMessage.MAGIC_COOKIE >>> 16),
                address.ip().bits() ^ StunMessage.MAGIC_COOKIE);
    }

    private static TransportAddress getXorAddress(int type, byte[] bytes, int at, int length, int position,
            StunMessage request) throws StunParseException {
        return getAddress(type, bytes, at, length, position, request, StunMessage.MAGIC_COOKIE >>> 16,
                StunMessage.MAGIC_COOKIE);
    }

    private static TransportAddress getAddress(int type, byte[] bytes, int at, int length, int position,
            StunMessage request, int portMask, int addressMask) throws StunParseException {
        int family = length >= 2 ? bytes[at + 1] & 0xff : -1;
        if (family == FAMILY_IPV6 && length == 20) {
            throw new StunParseException(Defect.UNSUPPORTED_ADDRESS_FAMILY, position, String.format(
                    "attribute 0x%04X holds an IPv6 address; icesim models IPv4 only", type), List.of(), request);
        }
        if (family != FAMILY_IPV4 || length != StunAttribute.IPV4_ADDRESS_VALUE_BYTES) {
            throw badAttribute(type, position, "address must be family 0x01 with 8 bytes of value, was family "
                    + family + " with " + length + " bytes", request);
        }
        int port = getShort(bytes, at + 2) ^ portMask;
        int address = getInt(bytes, at + 4) ^ addressMask;
        return new TransportAddress(new Ipv4Address(address), port);
    }

    // ----------------------------------------------------------------------------------------
    // big-endian primitives

    static void putShort(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 8);
        out[at + 1] = (byte) value;
    }

    static void putInt(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }

    private static void putLong(byte[] out, int at, long value) {
        putInt(out, at, (int) (value >>> 32));
        putInt(out, at + 4, (int) value);
    }

    static int getShort(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 8 | (bytes[at + 1] & 0xff);
    }

    private static int getInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
                | (bytes[at + 3] & 0xff);
    }

    private static long getLong(byte[] bytes, int at) {
        return (long) getInt(bytes, at) << 32 | (getInt(bytes, at + 4) & 0xFFFF_FFFFL);
    }

    private static void putUtf8(byte[] out, int at, String text, int length) {
        int i = 0;
        while (i < text.length() && text.charAt(i) < 0x80) { // the ASCII fast path: no allocation
            out[at + i] = (byte) text.charAt(i);
            i++;
        }
        if (i < text.length()) {
            byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(encoded, 0, out, at, length);
        }
    }

    private static String getUtf8(byte[] bytes, int at, int length) {
        return new String(bytes, at, length, StandardCharsets.UTF_8);
    }

    private static String hexTypes(List<Integer> types) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < types.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(String.format("0x%04X", types.get(i)));
        }
        return text.append(']').toString();
    }
}
