package org.icesim.stun;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.icesim.net.Payload;
import org.icesim.stun.StunAttribute.Fingerprint;
import org.icesim.stun.StunAttribute.MessageIntegrity;
import org.icesim.stun.StunAttribute.MessageIntegritySha256;

/**
 * A STUN message (RFC 8489 §5) as a value: class, method, transaction ID and attributes in wire
 * order. Building one costs no encoding and no hashing; {@link #size()} is the exact number of
 * bytes the encoded message occupies, so the simulator can carry the model and still count real
 * bytes.
 *
 * <p>The constructor enforces the ordering rules the codec relies on: MESSAGE-INTEGRITY may be
 * followed only by MESSAGE-INTEGRITY-SHA256 and FINGERPRINT, MESSAGE-INTEGRITY-SHA256 only by
 * FINGERPRINT, and FINGERPRINT is last (RFC 8489 §14.5-§14.7); each appears at most once.
 */
public record StunMessage(StunClass stunClass, StunMethod method, TransactionId transactionId,
        List<StunAttribute> attributes) implements Payload {

    /** The fixed header: type 2, length 2, magic cookie 4, transaction ID 12 (RFC 8489 §5). */
    public static final int HEADER_BYTES = 20;

    /** The magic cookie every RFC 5389/8489 message carries (RFC 8489 §5). */
    public static final int MAGIC_COOKIE = 0x2112A442;

    /** Largest message whose body fits the 16-bit length field. */
    public static final int MAX_BYTES = HEADER_BYTES + 0xFFFC;

    public StunMessage {
        if (stunClass == null || method == null || transactionId == null || attributes == null) {
            throw new IllegalArgumentException("STUN message class, method, transaction ID and attributes must not be null"
                    + " (class=" + stunClass + ", method=" + method + ", transactionId=" + transactionId + ")");
        }
        // List.copyOf returns an unmodifiable list unchanged, so List.of(...) arguments cost nothing.
        attributes = List.copyOf(attributes);
        requireOrdering(attributes);
        int size = sizeOf(attributes);
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException("STUN message must be at most " + MAX_BYTES + " bytes, was " + size);
        }
    }

    public static StunMessage request(StunMethod method, TransactionId transactionId, List<StunAttribute> attributes) {
        return new StunMessage(StunClass.REQUEST, method, transactionId, attributes);
    }

    public static StunMessage successResponse(StunMethod method, TransactionId transactionId,
            List<StunAttribute> attributes) {
        return new StunMessage(StunClass.SUCCESS_RESPONSE, method, transactionId, attributes);
    }

    public static StunMessage errorResponse(StunMethod method, TransactionId transactionId,
            List<StunAttribute> attributes) {
        return new StunMessage(StunClass.ERROR_RESPONSE, method, transactionId, attributes);
    }

    public static StunMessage indication(StunMethod method, TransactionId transactionId,
            List<StunAttribute> attributes) {
        return new StunMessage(StunClass.INDICATION, method, transactionId, attributes);
    }

    /** A success response to this request: same method and transaction ID (RFC 8489 §6.3.1.1). */
    public StunMessage respondSuccess(List<StunAttribute> responseAttributes) {
        requireRequest();
        return successResponse(method, transactionId, responseAttributes);
    }

    /**
     * An error response to this request: same method and transaction ID; the attributes must
     * include an ERROR-CODE (RFC 8489 §6.3.1.1).
     */
    public StunMessage respondError(List<StunAttribute> responseAttributes) {
        requireRequest();
        if (responseAttributes.stream().noneMatch(StunAttribute.ErrorCode.class::isInstance)) {
            throw new IllegalArgumentException("an error response must carry ERROR-CODE, attributes were "
                    + responseAttributes);
        }
        return errorResponse(method, transactionId, responseAttributes);
    }

    /** The first attribute of the given record type, if any. */
    public <T extends StunAttribute> Optional<T> attribute(Class<T> type) {
        for (StunAttribute attribute : attributes) {
            if (type.isInstance(attribute)) {
                return Optional.of(type.cast(attribute));
            }
        }
        return Optional.empty();
    }

    /** Whether the message carries an attribute of the given record type. */
    public boolean hasAttribute(Class<? extends StunAttribute> type) {
        for (StunAttribute attribute : attributes) {
            if (type.isInstance(attribute)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the message carries MESSAGE-INTEGRITY (or MESSAGE-INTEGRITY-SHA256) computed with
     * {@code key}: the simulator's stand-in for checking the HMAC (RFC 8489 §9.1.3, §9.2.4), since
     * a model message names the key its integrity would be computed with.
     */
    public boolean isSignedWith(StunKey key) {
        for (StunAttribute attribute : attributes) {
            if (attribute instanceof MessageIntegrity integrity) {
                return integrity.key().equals(key);
            }
            if (attribute instanceof MessageIntegritySha256 integrity) {
                return integrity.key().equals(key);
            }
        }
        return false;
    }

    /** The message's encoded length: header plus each attribute with its padding. */
    @Override
    public int size() {
        return sizeOf(attributes);
    }

    /** Writes the message's real wire bytes ({@link StunCodec}), integrity and fingerprint included. */
    @Override
    public void encode(ByteBuffer out) {
        StunCodec.encode(this, out);
    }

    /**
     * The 16-bit message type: the method's 12 bits with the class bits C0 at bit 4 and C1 at
     * bit 8 (RFC 8489 §5, figure 3).
     */
    public int messageType() {
        int m = method.code();
        int c = stunClass.bits();
        return (m & 0x000F) | (m & 0x0070) << 1 | (m & 0x0F80) << 2 | (c & 1) << 4 | (c & 2) << 7;
    }

    @Override
    public String toString() {
        return method + " " + stunClass + " " + transactionId + " " + attributes;
    }

    private void requireRequest() {
        if (stunClass != StunClass.REQUEST) {
            throw new IllegalStateException("only a request can be answered, this is a " + stunClass);
        }
    }

    private static int sizeOf(List<StunAttribute> attributes) {
        int size = HEADER_BYTES;
        for (int i = 0, n = attributes.size(); i < n; i++) {
            size += attributes.get(i).encodedLength();
        }
        return size;
    }

    private static void requireOrdering(List<StunAttribute> attributes) {
        // Rank of the integrity/fingerprint tail reached so far: 0 none, 1 MI, 2 MI-SHA256, 3 FP.
        int tail = 0;
        for (int i = 0; i < attributes.size(); i++) {
            StunAttribute attribute = attributes.get(i);
            if (attribute == null) {
                throw new IllegalArgumentException("STUN attribute " + i + " must not be null");
            }
            int rank = attribute instanceof MessageIntegrity ? 1
                    : attribute instanceof MessageIntegritySha256 ? 2
                    : attribute instanceof Fingerprint ? 3
                    : 0;
            if (tail > 0 && rank <= tail) {
                throw new IllegalArgumentException("STUN attribute " + i + " (" + attribute
                        + ") cannot follow " + (tail == 1 ? "MESSAGE-INTEGRITY" : tail == 2 ? "MESSAGE-INTEGRITY-SHA256"
                        : "FINGERPRINT") + ": only MESSAGE-INTEGRITY-SHA256 and then FINGERPRINT may (RFC 8489 §14.5-§14.7)");
            }
            tail = Math.max(tail, rank);
        }
    }
}
