package org.icesim.stun;

import java.util.ArrayList;
import java.util.List;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunAttribute.ErrorCode;
import org.icesim.stun.StunAttribute.UnknownAttribute;
import org.icesim.stun.StunAttribute.UnknownAttributes;
import org.icesim.stun.StunAttribute.XorMappedAddress;

/** What STUN and TURN servers have in common when they answer: checks and responses built per the RFC. */
public final class StunResponses {

    private StunResponses() {
    }

    /**
     * The comprehension-required attribute types (0x0000-0x7FFF) of {@code message} that icesim
     * does not model; an empty list (not allocated) when there is none, which is nearly always.
     */
    public static List<Integer> unknownComprehensionRequired(StunMessage message) {
        List<Integer> unknown = List.of();
        for (StunAttribute attribute : message.attributes()) {
            if (attribute instanceof UnknownAttribute && StunAttribute.isComprehensionRequired(attribute.type())) {
                if (unknown.isEmpty()) {
                    unknown = new ArrayList<>();
                }
                unknown.add(attribute.type());
            }
        }
        return unknown;
    }

    /**
     * The success response to a Binding request whose source, as the server saw it, was
     * {@code source} (RFC 8489 §6.3.1.1, XOR-MAPPED-ADDRESS §14.2), with the server's options.
     */
    public static StunMessage bindingSuccess(StunMessage request, TransportAddress source, StunServerOptions options) {
        List<StunAttribute> attributes = new ArrayList<>(3);
        attributes.add(new XorMappedAddress(source));
        options.software().ifPresent(attributes::add);
        if (options.fingerprint()) {
            attributes.add(StunAttribute.Fingerprint.INSTANCE);
        }
        return request.respondSuccess(attributes);
    }

    /**
     * The 420 response listing the unknown comprehension-required attributes (RFC 8489 §6.3.1.1),
     * followed by {@code trailer} (integrity, fingerprint).
     */
    public static StunMessage unknownAttributes(StunMessage request, List<Integer> unknownTypes,
            List<StunAttribute> trailer) {
        List<StunAttribute> attributes = new ArrayList<>(2 + trailer.size());
        attributes.add(ErrorCode.UNKNOWN_ATTRIBUTE);
        attributes.add(new UnknownAttributes(unknownTypes));
        attributes.addAll(trailer);
        return request.respondError(attributes);
    }

    /** An error response carrying {@code error} followed by {@code others}. */
    public static StunMessage error(StunMessage request, ErrorCode error, List<StunAttribute> others) {
        List<StunAttribute> attributes = new ArrayList<>(1 + others.size());
        attributes.add(error);
        attributes.addAll(others);
        return request.respondError(attributes);
    }
}
