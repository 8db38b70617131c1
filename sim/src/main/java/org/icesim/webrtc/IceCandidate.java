package org.icesim.webrtc;

import org.icesim.ice.CandidateType;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;

/**
 * An ICE candidate at the level of the W3C {@code RTCIceCandidate}: the fields of the SDP
 * candidate-attribute (RFC 8839 §5.1) plus the {@code usernameFragment} that names its ICE
 * generation and the media section ({@code sdpMid}, {@code sdpMLineIndex}) it belongs to.
 *
 * <p>The <em>end-of-candidates</em> form (W3C: {@code candidate} is the empty string) has no
 * address and no candidate fields; only the generation and media section are set. Build it with
 * {@link #endOfCandidates(String)}.
 *
 * @param foundation       RFC 8445 §5.1.1.3 foundation; null only for end-of-candidates
 * @param component        component id, 1 (RTP) or 2 (RTCP); 0 only for end-of-candidates
 * @param protocol         UDP or TCP; null only for end-of-candidates
 * @param priority         RFC 8445 §5.1.2 priority, 1..2^31-1; 0 only for end-of-candidates
 * @param address          the candidate's transport address; null for end-of-candidates
 * @param type             host, srflx, prflx or relay; null only for end-of-candidates
 * @param relatedAddress   the base or mapped address it derives from; always null for host
 * @param usernameFragment the ufrag of its ICE generation; null means "the most recent one"
 * @param sdpMid           the media section's mid, or null
 * @param sdpMLineIndex    the media section's index, or null
 */
public record IceCandidate(
        String foundation,
        int component,
        Protocol protocol,
        long priority,
        TransportAddress address,
        CandidateType type,
        TransportAddress relatedAddress,
        String usernameFragment,
        String sdpMid,
        Integer sdpMLineIndex) {

    private static final long MAX_PRIORITY = (1L << 31) - 1;

    public IceCandidate {
        if (address == null) {
            if (foundation != null || component != 0 || protocol != null || priority != 0 || type != null
                    || relatedAddress != null) {
                throw new IllegalArgumentException(
                        "an end-of-candidates indication (no address) must carry no candidate fields, was foundation="
                                + foundation + " component=" + component + " protocol=" + protocol + " priority="
                                + priority + " type=" + type + " relatedAddress=" + relatedAddress);
            }
        } else {
            if (foundation == null || foundation.isEmpty() || foundation.length() > 32) {
                throw new IllegalArgumentException("foundation must be 1..32 characters (RFC 8839 §5.1), was '" + foundation + "'");
            }
            if (component < 1 || component > 256) {
                throw new IllegalArgumentException("component must be in 1..256 (RFC 8445 §5.1.1.3), was " + component);
            }
            if (protocol == null || type == null) {
                throw new IllegalArgumentException("protocol and type must not be null, were " + protocol + ", " + type);
            }
            if (priority < 1 || priority > MAX_PRIORITY) {
                throw new IllegalArgumentException("priority must be in 1..2^31-1 (RFC 8445 §5.1.2), was " + priority);
            }
            if (type == CandidateType.HOST && relatedAddress != null) {
                throw new IllegalArgumentException("a host candidate has no related address, was " + relatedAddress);
            }
        }
        if (sdpMLineIndex != null && sdpMLineIndex < 0) {
            throw new IllegalArgumentException("sdpMLineIndex must be >= 0 or null, was " + sdpMLineIndex);
        }
    }

    /**
     * The end-of-candidates indication for generation {@code usernameFragment} (null: the most
     * recent generation), applying to every media section (W3C addIceCandidate: no sdpMid and no
     * sdpMLineIndex).
     */
    public static IceCandidate endOfCandidates(String usernameFragment) {
        return new IceCandidate(null, 0, null, 0, null, null, null, usernameFragment, null, null);
    }

    /** Whether this is the end-of-candidates form (W3C: {@code candidate} is the empty string). */
    public boolean isEndOfCandidates() {
        return address == null;
    }

    /** This candidate with another generation. */
    public IceCandidate withUsernameFragment(String ufrag) {
        return new IceCandidate(foundation, component, protocol, priority, address, type, relatedAddress, ufrag,
                sdpMid, sdpMLineIndex);
    }

    /** This candidate attached to another media section. */
    public IceCandidate withMediaSection(String mid, Integer mLineIndex) {
        return new IceCandidate(foundation, component, protocol, priority, address, type, relatedAddress,
                usernameFragment, mid, mLineIndex);
    }

    /**
     * The W3C {@code candidate} member: the SDP candidate-attribute (RFC 8839 §5.1), e.g.
     * {@code candidate:1 1 udp 2130706431 192.0.2.1 50000 typ host}, or "" for end-of-candidates.
     */
    public String candidateAttribute() {
        if (isEndOfCandidates()) {
            return "";
        }
        StringBuilder text = new StringBuilder(96)
                .append("candidate:").append(foundation)
                .append(' ').append(component)
                .append(' ').append(protocol == Protocol.UDP ? "udp" : "tcp")
                .append(' ').append(priority)
                .append(' ').append(address.ip())
                .append(' ').append(address.port())
                .append(" typ ").append(type.sdpName());
        if (relatedAddress != null) {
            text.append(" raddr ").append(relatedAddress.ip()).append(" rport ").append(relatedAddress.port());
        }
        return text.toString();
    }
}
