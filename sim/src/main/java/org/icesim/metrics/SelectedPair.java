package org.icesim.metrics;

/**
 * The detail of a {@link EventKind#SELECTED_PAIR} event: the ICE generation (0 before any
 * restart) and the candidate types of the pair.
 */
public record SelectedPair(int generation, String localType, String remoteType) implements EventDetail {

    /** The pair {@link #text()} wrote, e.g. "1 relay/host". */
    public static SelectedPair parse(String text) {
        String[] parts = text.split("[ /]");
        if (parts.length != 3) {
            throw new IllegalArgumentException("a selected pair is '<generation> <local>/<remote>', was '" + text + "'");
        }
        return new SelectedPair(Integer.parseInt(parts[0]), parts[1], parts[2]);
    }

    @Override
    public EventKind kind() {
        return EventKind.SELECTED_PAIR;
    }

    /** "generation local/remote", e.g. "1 relay/host". */
    @Override
    public String text() {
        return generation + " " + types();
    }

    /** "local/remote", e.g. "host/srflx". */
    public String types() {
        return localType + "/" + remoteType;
    }

    public boolean relayed() {
        return localType.equals("relay") || remoteType.equals("relay");
    }
}
