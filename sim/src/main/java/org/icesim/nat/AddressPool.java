package org.icesim.nat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.icesim.net.Ipv4Address;

/**
 * Chooses which of a NAT's public addresses a new mapping uses (RFC 4787 §4.1 "IP address
 * pooling"). Paired: an internal IP is given one public address on first sight (round-robin in
 * order of appearance) and keeps it, as REQ-2 recommends. Arbitrary: each new mapping takes the
 * next address round-robin, spilling over to the following ones when that address has no free
 * port.
 */
final class AddressPool {
    private final int count;
    private final boolean paired;
    /** Internal IP → index of its paired public address. Lookups only, never iterated. */
    private final Map<Ipv4Address, Integer> pairs = new HashMap<>();
    private int nextIndex;

    AddressPool(List<Ipv4Address> publicAddresses, boolean paired) {
        this.count = publicAddresses.size();
        this.paired = paired;
    }

    /** Index of the first public address to try for a new mapping from {@code internalIp}. */
    int firstChoice(Ipv4Address internalIp) {
        if (paired) {
            return pairs.computeIfAbsent(internalIp, ip -> takeNext());
        }
        return takeNext();
    }

    /** How many addresses, starting at the first choice, a new mapping may try. */
    int choices() {
        return paired ? 1 : count;
    }

    /** Index of the {@code attempt}-th address to try, starting from {@code first}. */
    int choice(int first, int attempt) {
        return (first + attempt) % count;
    }

    private int takeNext() {
        int index = nextIndex;
        nextIndex = (nextIndex + 1) % count;
        return index;
    }
}
