package org.icesim.net;

/** An IP address and a port: one end of a UDP flow or TCP connection. */
public record TransportAddress(Ipv4Address ip, int port) implements Comparable<TransportAddress> {

    public TransportAddress {
        if (ip == null) {
            throw new IllegalArgumentException("ip must not be null");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
    }

    public static TransportAddress of(String ip, int port) {
        return new TransportAddress(Ipv4Address.parse(ip), port);
    }

    // Written out for the per-packet lookups, like Ipv4Address's; same hash as the generated method.
    @Override
    public boolean equals(Object other) {
        return other instanceof TransportAddress address && address.port == port && address.ip.equals(ip);
    }

    @Override
    public int hashCode() {
        return 31 * ip.hashCode() + port;
    }

    @Override
    public int compareTo(TransportAddress other) {
        int byIp = ip.compareTo(other.ip);
        return byIp != 0 ? byIp : Integer.compare(port, other.port);
    }

    @Override
    public String toString() {
        return ip + ":" + port;
    }
}
