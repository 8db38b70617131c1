package org.icesim.media;

/** What one media source sends. */
public sealed interface MediaSpec {

    MediaKind kind();

    /** Packets (audio) or frames (video) per second. */
    int eventsPerSecond();

    /** Packets sent at each event: 1 for audio, a frame's packets for video. */
    int packetsPerEvent();

    /** Codec bytes of the {@code index}-th packet of an event. */
    int payloadBytes(int index);

    /**
     * Constant-rate audio: {@code packetsPerSecond} packets of {@code payloadBytes} codec bytes
     * (50 × 160 B is 20 ms PCMU; Opus at 32 kbit/s is 50 × 80 B).
     */
    record Audio(int packetsPerSecond, int payloadBytes) implements MediaSpec {
        public Audio {
            if (packetsPerSecond < 1 || packetsPerSecond > 1000) {
                throw new IllegalArgumentException("audio packets per second must be in 1..1000, was " + packetsPerSecond);
            }
            if (payloadBytes < 1 || payloadBytes > 1400) {
                throw new IllegalArgumentException("audio payload bytes must be in 1..1400, was " + payloadBytes);
            }
        }

        public static Audio defaults() {
            return new Audio(50, 160);
        }

        @Override
        public MediaKind kind() {
            return MediaKind.AUDIO;
        }

        @Override
        public int eventsPerSecond() {
            return packetsPerSecond;
        }

        @Override
        public int packetsPerEvent() {
            return 1;
        }

        @Override
        public int payloadBytes(int index) {
            return payloadBytes;
        }
    }

    /**
     * Video at {@code framesPerSecond} and {@code bitsPerSecond}; each frame is split into packets
     * of at most {@code maxPayloadBytes} (browsers keep RTP packets under ~1200 bytes to avoid
     * IP fragmentation).
     */
    record Video(int framesPerSecond, long bitsPerSecond, int maxPayloadBytes) implements MediaSpec {
        public Video {
            if (framesPerSecond < 1 || framesPerSecond > 240) {
                throw new IllegalArgumentException("video frames per second must be in 1..240, was " + framesPerSecond);
            }
            if (bitsPerSecond < 1_000 || bitsPerSecond > 100_000_000L) {
                throw new IllegalArgumentException("video bit rate must be in 1kbps..100Mbps, was " + bitsPerSecond + " bps");
            }
            if (maxPayloadBytes < 100 || maxPayloadBytes > 1400) {
                throw new IllegalArgumentException("video max payload bytes must be in 100..1400, was " + maxPayloadBytes);
            }
        }

        public static Video of(int framesPerSecond, long bitsPerSecond) {
            return new Video(framesPerSecond, bitsPerSecond, 1200);
        }

        @Override
        public MediaKind kind() {
            return MediaKind.VIDEO;
        }

        /** Codec bytes of every frame (constant bit rate). */
        public int frameBytes() {
            return (int) Math.max(1, bitsPerSecond / 8 / framesPerSecond);
        }

        @Override
        public int eventsPerSecond() {
            return framesPerSecond;
        }

        @Override
        public int packetsPerEvent() {
            return (frameBytes() + maxPayloadBytes - 1) / maxPayloadBytes;
        }

        /** Full packets first, the remainder of the frame last. */
        @Override
        public int payloadBytes(int index) {
            return Math.min(maxPayloadBytes, frameBytes() - index * maxPayloadBytes);
        }
    }
}
