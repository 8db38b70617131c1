package org.icesim.stun;

import java.util.List;
import java.util.Optional;
import org.icesim.stun.StunAttribute.ErrorCode;
import org.icesim.stun.StunAttribute.UnknownAttributes;

/**
 * Bytes that are not an acceptable STUN (or TURN ChannelData) message. The {@link Defect} says
 * what is wrong and what a receiver does about it; the offset says where in the message the
 * decoder found it. When the input was a readable request whose defect calls for an answer,
 * {@link #errorResponse()} is the response a server sends (RFC 8489 §6.3.1).
 */
public final class StunParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the bytes, with the error code a request with this defect earns (0: discard silently). */
    public enum Defect {
        /** Shorter than a header, or than the length field says. RFC 8489 §6.3: discard. */
        TRUNCATED(0),
        /** The first two bits are not 0b00 (RFC 8489 §5): another protocol. */
        NOT_STUN(0),
        /** The length field is not a multiple of 4 (RFC 8489 §5). */
        BAD_LENGTH(0),
        /** The length field disagrees with the number of bytes received. */
        LENGTH_MISMATCH(0),
        /** The magic cookie is not 0x2112A442 (RFC 8489 §5). */
        BAD_MAGIC_COOKIE(0),
        /** A method icesim does not implement. */
        UNKNOWN_METHOD(0),
        /** FINGERPRINT does not match (RFC 8489 §7.3): not a STUN message after all. */
        BAD_FINGERPRINT(0),
        /** An attribute's length runs past the end of the message. */
        ATTRIBUTE_OVERRUN(400),
        /** An attribute value is malformed for its type (RFC 8489 §6.3.1.1: 400 Bad Request). */
        BAD_ATTRIBUTE(400),
        /** FINGERPRINT is followed by another attribute; it must be last (RFC 8489 §14.7). */
        FINGERPRINT_NOT_LAST(400),
        /** An address of a family other than IPv4 (RFC 8656 §19: 440 Address Family not Supported). */
        UNSUPPORTED_ADDRESS_FAMILY(440),
        /** Comprehension-required attributes the decoder does not know (RFC 8489 §6.3.1.1: 420). */
        UNKNOWN_COMPREHENSION_REQUIRED(420),
        /** A ChannelData channel number outside 0x4000..0x4FFF (RFC 8656 §12.4). */
        BAD_CHANNEL_NUMBER(0);

        private final int responseCode;

        Defect(int responseCode) {
            this.responseCode = responseCode;
        }

        /** The ERROR-CODE a server answers a request having this defect with, or 0 to discard it silently. */
        public int responseCode() {
            return responseCode;
        }
    }

    private final Defect defect;
    private final int offset;
    private final List<Integer> unknownAttributes;
    private final StunMessage request;

    StunParseException(Defect defect, int offset, String detail) {
        this(defect, offset, detail, List.of(), null);
    }

    /**
     * @param request the message's header as a bodiless request, when the header was readable and
     *                the message was a request; {@code null} otherwise
     */
    StunParseException(Defect defect, int offset, String detail, List<Integer> unknownAttributes, StunMessage request) {
        super(defect + " at offset " + offset + ": " + detail);
        this.defect = defect;
        this.offset = offset;
        this.unknownAttributes = List.copyOf(unknownAttributes);
        this.request = request;
    }

    public Defect defect() {
        return defect;
    }

    /** Byte offset in the message where the defect was found. */
    public int offset() {
        return offset;
    }

    /** For {@link Defect#UNKNOWN_COMPREHENSION_REQUIRED}: the unknown types, in message order. */
    public List<Integer> unknownAttributes() {
        return unknownAttributes;
    }

    /**
     * The error response a server sends back, if the input was a request with a readable header
     * and the defect calls for one: 420 with UNKNOWN-ATTRIBUTES, 400, or 440 (RFC 8489 §6.3.1.1).
     * Servers using long-term credentials add their own REALM, NONCE and integrity.
     */
    public Optional<StunMessage> errorResponse() {
        if (request == null || defect.responseCode() == 0) {
            return Optional.empty();
        }
        if (defect == Defect.UNKNOWN_COMPREHENSION_REQUIRED) {
            return Optional.of(request.respondError(List.of(ErrorCode.UNKNOWN_ATTRIBUTE,
                    new UnknownAttributes(unknownAttributes))));
        }
        ErrorCode code = defect == Defect.UNSUPPORTED_ADDRESS_FAMILY ? ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED
                : ErrorCode.BAD_REQUEST;
        return Optional.of(request.respondError(List.of(code)));
    }
}
