package org.icesim.nat;

import java.util.Arrays;
import java.util.function.IntPredicate;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Picks external ports for one transport protocol on each of a NAT's public addresses, following
 * its {@link PortAllocation}. Ports are tested for being free by the caller's predicate, which
 * knows the live mappings.
 */
final class PortAllocator {
    private final PortAllocation allocation;
    private final int min;
    private final int size;
    private final RandomGenerator random;
    /** Per public address (by index): where the sequential search starts next. */
    private final int[] nextSequential;

    PortAllocator(NatBehavior behavior, int publicAddressCount, RandomGenerator random) {
        this.allocation = behavior.portAllocation();
        this.min = behavior.portRangeMin();
        this.size = behavior.portRangeSize();
        this.random = random;
        this.nextSequential = new int[publicAddressCount];
        Arrays.fill(nextSequential, min);
    }

    /**
     * A free port on the public address with index {@code addressIndex} for a mapping of internal
     * port {@code internalPort}, or -1 when every port in the range is taken.
     */
    int allocate(int addressIndex, int internalPort, IntPredicate isFree) {
        return switch (allocation) {
            case PRESERVING -> inRange(internalPort) && isFree.test(internalPort)
                    ? internalPort
                    : sequential(addressIndex, isFree);
            case SEQUENTIAL -> sequential(addressIndex, isFree);
            case RANDOM -> firstFreeFrom(min + random.nextInt(size), isFree);
        };
    }

    private int sequential(int addressIndex, IntPredicate isFree) {
        int port = firstFreeFrom(nextSequential[addressIndex], isFree);
        if (port >= 0) {
            nextSequential[addressIndex] = port == min + size - 1 ? min : port + 1;
        }
        return port;
    }

    /** The first free port at or above {@code start}, wrapping once around the range; -1 if none. */
    private int firstFreeFrom(int start, IntPredicate isFree) {
        int offset = start - min;
        for (int i = 0; i < size; i++) {
            int port = min + (offset + i) % size;
            if (isFree.test(port)) {
                return port;
            }
        }
        return -1;
    }

    private boolean inRange(int port) {
        return port >= min && port < min + size;
    }
}
