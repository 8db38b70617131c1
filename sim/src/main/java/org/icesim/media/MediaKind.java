package org.icesim.media;

/** The kinds of media a call carries, with the RTP payload type and clock rate they use. */
public enum MediaKind {
    /** Opus/PCMU-like audio: RTP clock 48 kHz (Opus, RFC 7587). */
    AUDIO(111, 48_000),
    /** VP8-like video: RTP clock 90 kHz (RFC 7741). */
    VIDEO(96, 90_000);

    private final int payloadType;
    private final int clockRate;

    MediaKind(int payloadType, int clockRate) {
        this.payloadType = payloadType;
        this.clockRate = clockRate;
    }

    public int payloadType() {
        return payloadType;
    }

    public int clockRate() {
        return clockRate;
    }
}
