package org.icesim.net;

/** An IPv4 address held as its 32 bits. */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {

    public static Ipv4Address of(int a, int b, int c, int d) {
        for (int octet : new int[] {a, b, c, d}) {
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException(
                        "IPv4 octet must be in 0..255, was " + octet + " in " + a + "." + b + "." + c + "." + d);
            }
        }
        return new Ipv4Address(a << 24 | b << 16 | c << 8 | d);
    }

    /** Parses dotted-quad notation such as {@code 192.0.2.1}. */
    public static Ipv4Address parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("IPv4 address must be four dot-separated octets (a.b.c.d), was '" + text + "'");
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            try {
                octets[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("IPv4 octet must be a number in 0..255, was '" + parts[i] + "' in '" + text + "'");
            }
        }
        return of(octets[0], octets[1], octets[2], octets[3]);
    }

    /** The four octets in network order. */
    public byte[] toBytes() {
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    /** Whether this address lies in {@code network/prefixLength}. */
    public boolean isIn(Ipv4Address network, int prefixLength) {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length must be in 0..32, was " + prefixLength);
        }
        int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        return (bits & mask) == (network.bits & mask);
    }

    // equals and hashCode are written out because addresses are hash keys on every packet's path
    // (NAT, router, TURN) and the generated record methods dispatch through method handles that
    // the JIT does not always inline; the hash is the one the generated method gives.
    @Override
    public boolean equals(Object other) {
        return other instanceof Ipv4Address address && address.bits == bits;
    }

    @Override
    public int hashCode() {
        return bits;
    }

    @Override
    public int compareTo(Ipv4Address other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }
}
