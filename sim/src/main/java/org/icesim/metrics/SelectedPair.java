package org.icesim.metrics;

/**
 * The detail of a {@link EventKind#SELECTED_PAIR} event: the ICE generation (0 before any
 * restart) and the candidate types of the pair, written {@code "<generation> <local>/<remote>"}.
 */
public record SelectedPair(int generation, String localType, String remoteType) {

    public static SelectedPair parse(String detail) {
        String[] parts = detail.split("[ /]");
        if (parts.length != 3) {
            throw new IllegalArgumentException("selected-pair detail must be '<generation> <local>/<remote>', was '" + detail + "'");
        }
        return new SelectedPair(Integer.parseInt(parts[0]), parts[1], parts[2]);
    }

    public String detail() {
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
