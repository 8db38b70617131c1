package org.icesim.world;

import org.icesim.net.Ipv4Address;

/**
 * Hands out the world's addresses. Public addresses come from 198.18.0.0/15 (set aside for
 * network test beds, RFC 2544), addresses behind a NAT from 10.0.0.0/8 (RFC 1918), and the
 * public addresses of NATs that sit behind a carrier-grade NAT from 100.64.0.0/10 (RFC 6598).
 * Every address is unique in the world, which keeps routing a plain lookup.
 */
final class AddressPlan {
    private final Pool publicPool = new Pool("public", Ipv4Address.of(198, 18, 0, 1), 1 << 17);
    private final Pool privatePool = new Pool("private", Ipv4Address.of(10, 0, 0, 1), 1 << 24);
    private final Pool sharedPool = new Pool("carrier-grade NAT", Ipv4Address.of(100, 64, 0, 1), 1 << 22);

    Ipv4Address nextPublic() {
        return publicPool.next();
    }

    Ipv4Address nextPrivate() {
        return privatePool.next();
    }

    Ipv4Address nextShared() {
        return sharedPool.next();
    }

    private static final class Pool {
        private final String name;
        private final int first;
        private final int size;
        private int used;

        Pool(String name, Ipv4Address first, int size) {
            this.name = name;
            this.first = first.bits();
            this.size = size;
        }

        Ipv4Address next() {
            // Skip addresses ending in .0 and .255, which look like network and broadcast addresses.
            while (used < size) {
                int bits = first + used++;
                int last = bits & 0xff;
                if (last != 0 && last != 255) {
                    return new Ipv4Address(bits);
                }
            }
            throw new IllegalStateException("the world needs more than the " + size + " " + name + " addresses it has");
        }
    }
}
