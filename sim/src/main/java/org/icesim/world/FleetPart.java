package org.icesim.world;

/**
 * One of {@code count} parts of a fleet split by TURN server: part <i>k</i> has the servers whose
 * position in the scenario (0-based) is <i>k</i> modulo {@code count}, and the calls given them.
 *
 * @param index this part, 0 … count − 1
 * @param count how many parts the fleet is split into (1: the whole fleet)
 */
record FleetPart(int index, int count) {

    /** The whole fleet, on one thread. */
    static final FleetPart WHOLE = new FleetPart(0, 1);

    FleetPart {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("part " + index + " of " + count + " does not exist");
        }
    }

    boolean isWhole() {
        return count == 1;
    }

    /** Whether the TURN server at position {@code turnServer} (and so each call given it) is in this part. */
    boolean owns(int turnServer) {
        return turnServer % count == index;
    }
}
