package org.icesim.stun;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;

/**
 * One attribute of a STUN message, as a value: its type code and the length of its value are
 * known without encoding it. Attributes come from RFC 8489 §14 (STUN), RFC 8656 §18 (TURN) and
 * RFC 8445 §16.1 (ICE). Addresses are IPv4, the simulator's only family.
 *
 * <p>On the wire each attribute is a 4-byte header (type, length) and its value padded with zero
 * to a multiple of 4 bytes; the length field gives the unpadded value length (RFC 8489 §14).
 */
public sealed interface StunAttribute {

    /** Bytes of the type and length fields that precede every value. */
    int HEADER_BYTES = 4;

    /** Most bytes the 16-bit length field can state. */
    int MAX_VALUE_BYTES = 0xFFFF;

    /** Family, port and IPv4 address (RFC 8489 §14.1). */
    int IPV4_ADDRESS_VALUE_BYTES = 8;

    /** RFC 8489 limits REALM, NONCE, SOFTWARE and reason phrases to fewer than 128 characters. */
    int MAX_CHARACTERS = 127;

    /** The 16-bit attribute type. */
    int type();

    /** Length of the value in bytes, without padding: the length field as written. */
    int valueLength();

    /** Bytes the attribute occupies in a message: header, value and padding to a multiple of 4. */
    default int encodedLength() {
        return HEADER_BYTES + padded(valueLength());
    }

    /**
     * Types 0x0000-0x7FFF are comprehension-required: a receiver that does not know one must
     * reject the message; 0x8000-0xFFFF are comprehension-optional (RFC 8489 §14).
     */
    static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }

    /** {@code length} rounded up to a multiple of 4. */
    static int padded(int length) {
        return (length + 3) & ~3;
    }

    /** Whether icesim models attributes of this type with a record of their own. */
    static boolean isKnownType(int type) {
        return switch (type) {
            case MappedAddress.TYPE, XorMappedAddress.TYPE, Username.TYPE, MessageIntegrity.TYPE,
                    MessageIntegritySha256.TYPE, Fingerprint.TYPE, ErrorCode.TYPE, UnknownAttributes.TYPE,
                    Realm.TYPE, Nonce.TYPE, Software.TYPE, Priority.TYPE, UseCandidate.TYPE, IceControlling.TYPE,
                    IceControlled.TYPE, Lifetime.TYPE, XorRelayedAddress.TYPE, XorPeerAddress.TYPE,
                    RequestedTransport.TYPE, ChannelNumber.TYPE, Data.TYPE -> true;
            default -> false;
        };
    }

    // ----------------------------------------------------------------------------------------
    // RFC 8489 (STUN)

    /** MAPPED-ADDRESS (RFC 8489 §14.1): the reflexive address, in the clear (kept for old clients). */
    record MappedAddress(TransportAddress address) implements StunAttribute {
        public static final int TYPE = 0x0001;

        public MappedAddress {
            requireAddress(address);
        }

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return IPV4_ADDRESS_VALUE_BYTES;
        }
    }

    /**
     * XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the reflexive address as seen by the server; on the
     * wire it is XORed with the magic cookie so that NATs rewriting addresses in payloads leave
     * it alone.
     */
    record XorMappedAddress(TransportAddress address) implements StunAttribute {
        public static final int TYPE = 0x0020;

        public XorMappedAddress {
            requireAddress(address);
        }

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return IPV4_ADDRESS_VALUE_BYTES;
        }
    }

    /**
     * USERNAME (RFC 8489 §14.3): fewer than 509 bytes of UTF-8. ICE checks use
     * {@code <remote ufrag>:<local ufrag>} (RFC 8445 §7.2.2).
     */
    record Username(String value) implements StunAttribute {
        public static final int TYPE = 0x0006;
        /** RFC 8489 §14.3: fewer than 509 bytes. */
        public static final int MAX_BYTES = 508;

        public Username {
            requireUtf8Bytes("USERNAME", value, MAX_BYTES);
        }

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return utf8Length(value);
        }
    }

    /**
     * MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 over the message up to this attribute. The
     * model names the key; the 20-byte HMAC is computed only when the message is encoded.
     */
    record MessageIntegrity(StunKey key) implements StunAttribute {
        public static final int TYPE = 0x0008;
        public static final int HMAC_BYTES = 20;

        public MessageIntegrity {
            requireNonNull("key", key);
        }

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return HMAC_BYTES;
        }
    }

    /**
     * MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6): HMAC-SHA256 over the message up to this
     * attribute, computed at encoding. icesim always sends the full 32 bytes (the RFC allows
     * truncation to no fewer than 16).
     */
    record MessageIntegritySha256(StunKey key) implements StunAttribute {
        public static final int TYPE = 0x001C;
        public static final int HMAC_BYTES = 32;

        public MessageIntegritySha256 {
            requireNonNull("key", key);
        }

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return HMAC_BYTES;
        }
    }

    /**
     * FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to this attribute XOR 0x5354554E,
     * computed at encoding. Always the last attribute.
     */
    record Fingerprint() implements StunAttribute {
        public static final int TYPE = 0x8028;
        public static final Fingerprint INSTANCE = new Fingerprint();

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return 4;
        }
    }

    /**
     * ERROR-CODE (RFC 8489 §14.8): a code in 300..699 and a reason phrase of fewer than 128
     * characters.
     */
    record ErrorCode(int code, String reason) implements StunAttribute {
        public static final int TYPE = 0x0009;

        public static final ErrorCode TRY_ALTERNATE = new ErrorCode(300, "Try Alternate");
        public static final ErrorCode BAD_REQUEST = new ErrorCode(400, "Bad Request");
        public static final ErrorCode UNAUTHORIZED = new ErrorCode(401, "Unauthorized");
        public static final ErrorCode FORBIDDEN = new ErrorCode(403, "Forbidden");
        public static final ErrorCode UNKNOWN_ATTRIBUTE = new ErrorCode(420, "Unknown Attribute");
        public static final ErrorCode ALLOCATION_MISMATCH = new ErrorCode(437, "Allocation Mismatch");
        public static final ErrorCode STALE_NONCE = new ErrorCode(438, "Stale Nonce");
        public static final ErrorCode ADDRESS_FAMILY_NOT_SUPPORTED = new ErrorCode(440, "Address Family not Supported");
        public static final ErrorCode WRONG_CREDENTIALS = new ErrorCode(441, "Wrong Credentials");
        public static final ErrorCode UNSUPPORTED_TRANSPORT_PROTOCOL =
                new ErrorCode(442, "Unsupported Transport Protocol");
        public static final ErrorCode ALLOCATION_QUOTA_REACHED = new ErrorCode(486, "Allocation Quota Reached");
        /** RFC 8445 §16.2. */
        public static final ErrorCode ROLE_CONFLICT = new ErrorCode(487, "Role Conflict");
        public static final ErrorCode SERVER_ERROR = new ErrorCode(500, "Server Error");
        public static final ErrorCode INSUFFICIENT_CAPACITY = new ErrorCode(508, "Insufficient Capacity");

        public ErrorCode {
            if (code < 300 || code > 699) {
                throw new IllegalArgumentException("ERROR-CODE code must be in 300..699, was " + code);
            }
            requireCharacters("ERROR-CODE reason", reason);
        }

        @Override
        public int type() {
            return TYPE;
        }

        /** Two reserved bytes, the class (hundreds) and number (rest) bytes, then the reason. */
        @Override
        public int valueLength() {
            return 4 + utf8Length(reason);
        }
    }

    /** UNKNOWN-ATTRIBUTES (RFC 8489 §14.9): the comprehension-required types a 420 response refuses. */
    record UnknownAttributes(List<Integer> types) implements StunAttribute {
        public static final int TYPE = 0x000A;

        public UnknownAttributes {
            types = List.copyOf(types);
            for (int type : types) {
                requireType(type);
            }
            if (types.size() * 2 > MAX_VALUE_BYTES) {
                throw new IllegalArgumentException("UNKNOWN-ATTRIBUTES can list at most " + MAX_VALUE_BYTES / 2
                        + " types, was " + types.size());
            }
        }

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return 2 * types.size();
        }
    }

    /** REALM (RFC 8489 §14.9): the long-term credential realm, fewer than 128 characters. */
    record Realm(String value) implements StunAttribute {
        public static final int TYPE = 0x0014;

        public Realm {
            requireCharacters("REALM", value);
        }

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return utf8Length(value);
        }
    }

    /** NONCE (RFC 8489 §14.10): the server's nonce, fewer than 128 characters. */
    record Nonce(String value) implements StunAttribute {
        public static final int TYPE = 0x0015;

        public Nonce {
            requireCharacters("NONCE", value);
        }

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return utf8Length(value);
        }
    }

    /** SOFTWARE (RFC 8489 §14.14): the agent's software description, fewer than 128 characters. */
    record Software(String value) implements StunAttribute {
        public static final int TYPE = 0x8022;

        public Software {
            requireCharacters("SOFTWARE", value);
        }

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return utf8Length(value);
        }
    }

    // ----------------------------------------------------------------------------------------
    // RFC 8445 §16.1 (ICE)

    /** PRIORITY (RFC 8445 §7.1.1): the priority a peer-reflexive candidate learnt from this check would get. */
    record Priority(long priority) implements StunAttribute {
        public static final int TYPE = 0x0024;

        public Priority {
            requireUnsigned32("PRIORITY", priority);
        }

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return 4;
        }
    }

    /** USE-CANDIDATE (RFC 8445 §7.1.2): the controlling agent nominates this pair. No value. */
    record UseCandidate() implements StunAttribute {
        public static final int TYPE = 0x0025;
        public static final UseCandidate INSTANCE = new UseCandidate();

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return 0;
        }
    }

    /** ICE-CONTROLLING (RFC 8445 §7.1.3): the sender believes it is controlling; 64-bit tie-breaker. */
    record IceControlling(long tieBreaker) implements StunAttribute {
        public static final int TYPE = 0x802A;

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return 8;
        }
    }

    /** ICE-CONTROLLED (RFC 8445 §7.1.3): the sender believes it is controlled; 64-bit tie-breaker. */
    record IceControlled(long tieBreaker) implements StunAttribute {
        public static final int TYPE = 0x8029;

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return 8;
        }
    }

    // ----------------------------------------------------------------------------------------
    // RFC 8656 §18 (TURN)

    /** CHANNEL-NUMBER (RFC 8656 §18.1): a channel in 0x4000..0x4FFF, then two reserved bytes. */
    record ChannelNumber(int channel) implements StunAttribute {
        public static final int TYPE = 0x000C;

        public ChannelNumber {
            ChannelData.requireChannel(channel);
        }

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return 4;
        }
    }

    /** LIFETIME (RFC 8656 §18.2): seconds the allocation should live (or has left); 0 deletes it. */
    record Lifetime(long seconds) implements StunAttribute {
        public static final int TYPE = 0x000D;

        public Lifetime {
            requireUnsigned32("LIFETIME", seconds);
        }

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return 4;
        }
    }

    /** XOR-PEER-ADDRESS (RFC 8656 §18.3): the peer a TURN request or indication refers to. */
    record XorPeerAddress(TransportAddress address) implements StunAttribute {
        public static final int TYPE = 0x0012;

        public XorPeerAddress {
            requireAddress(address);
        }

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return IPV4_ADDRESS_VALUE_BYTES;
        }
    }

    /**
     * DATA (RFC 8656 §18.4): the application datagram inside a Send or Data indication. It holds
     * the inner payload itself (an ICE check, media), so the value length is that payload's size
     * and the bytes are the payload's own encoding.
     */
    record Data(Payload payload) implements StunAttribute {
        public static final int TYPE = 0x0013;

        public Data {
            requireNonNull("payload", payload);
            if (payload.size() > MAX_VALUE_BYTES) {
                throw new IllegalArgumentException("DATA payload must be at most " + MAX_VALUE_BYTES + " bytes, was "
                        + payload.size());
            }
        }

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return payload.size();
        }
    }

    /** XOR-RELAYED-ADDRESS (RFC 8656 §18.5): the relayed transport address the server allocated. */
    record XorRelayedAddress(TransportAddress address) implements StunAttribute {
        public static final int TYPE = 0x0016;

        public XorRelayedAddress {
            requireAddress(address);
        }

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return IPV4_ADDRESS_VALUE_BYTES;
        }
    }

    /**
     * REQUESTED-TRANSPORT (RFC 8656 §18.7): the IP protocol number of the relayed transport
     * (17 = UDP, the only one RFC 8656 allocates), then three reserved bytes.
     */
    record RequestedTransport(int protocol) implements StunAttribute {
        public static final int TYPE = 0x0019;
        public static final RequestedTransport UDP = new RequestedTransport(17);

        public RequestedTransport {
            if (protocol < 0 || protocol > 255) {
                throw new IllegalArgumentException("REQUESTED-TRANSPORT protocol must be in 0..255, was " + protocol);
            }
        }

        @Override
        public int type() {
            return TYPE;
        }

        @Override
        public int valueLength() {
            return 4;
        }
    }

    // ----------------------------------------------------------------------------------------

    /**
     * An attribute whose type icesim does not model, kept as raw bytes by the decoder (and
     * re-encoded unchanged).
     */
    record UnknownAttribute(int type, byte[] value) implements StunAttribute {

        public UnknownAttribute {
            requireType(type);
            if (isKnownType(type)) {
                throw new IllegalArgumentException(String.format(
                        "attribute type 0x%04X has its own record; UnknownAttribute is for types icesim does not model",
                        type));
            }
            if (value.length > MAX_VALUE_BYTES) {
                throw new IllegalArgumentException("attribute value must be at most " + MAX_VALUE_BYTES
                        + " bytes, was " + value.length);
            }
            value = value.clone();
        }

        /** A copy of the value bytes. */
        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public int valueLength() {
            return value.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof UnknownAttribute that && type == that.type && Arrays.equals(value, that.value);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return String.format("UnknownAttribute[type=0x%04X, value=%s]", type, HexFormat.of().formatHex(value));
        }
    }

    // ----------------------------------------------------------------------------------------
    // validation helpers shared by the records

    private static void requireNonNull(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    private static void requireAddress(TransportAddress address) {
        requireNonNull("address", address);
    }

    private static void requireType(int type) {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("attribute type must be in 0..0xFFFF, was " + type);
        }
    }

    private static void requireUnsigned32(String name, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " must be in 0..4294967295, was " + value);
        }
    }

    private static void requireUtf8Bytes(String name, String value, int maxBytes) {
        requireNonNull(name, value);
        int length = utf8Length(value);
        if (length > maxBytes) {
            throw new IllegalArgumentException(name + " must be at most " + maxBytes + " bytes of UTF-8, was "
                    + length);
        }
    }

    private static void requireCharacters(String name, String value) {
        requireNonNull(name, value);
        int characters = value.codePointCount(0, value.length());
        if (characters > MAX_CHARACTERS) {
            throw new IllegalArgumentException(name + " must be fewer than 128 characters, was " + characters);
        }
    }

    /** UTF-8 length of {@code text} without encoding it (unpaired surrogates count as '?', as the encoder writes). */
    private static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length += 1;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
