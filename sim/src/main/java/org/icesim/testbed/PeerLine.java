package org.icesim.testbed;

import java.util.Optional;

/**
 * One event line of a real peer: {@code EV <epoch_us> <kind> <detail>} (docs/testbed.md, "Peer protocol").
 *
 * @param epochMicros microseconds since the Unix epoch, read on the peer
 */
public record PeerLine(long epochMicros, String kind, String detail) {

    /** The event of a line, if it is one (other output of a peer is diagnostics). */
    public static Optional<PeerLine> parse(String line) {
        if (!line.startsWith("EV ")) {
            return Optional.empty();
        }
        String[] parts = line.split(" ", 4);
        if (parts.length < 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PeerLine(Long.parseLong(parts[1]), parts[2], parts.length == 4 ? parts[3].strip() : ""));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The value of {@code key=value} in the detail, if present. */
    public Optional<String> field(String key) {
        for (String word : detail.split(" ")) {
            if (word.startsWith(key + "=")) {
                return Optional.of(word.substring(key.length() + 1));
            }
        }
        return Optional.empty();
    }
}
