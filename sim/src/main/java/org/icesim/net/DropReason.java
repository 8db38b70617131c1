package org.icesim.net;

/** Why the network discarded a packet; every drop is counted under one of these. */
public enum DropReason {
    /** Random loss on a link (Bernoulli or Gilbert-Elliott). */
    LOSS,
    /** The link's drop-tail queue was full. */
    QUEUE_FULL,
    /** The link was down when the packet was sent, or went down while it was in flight. */
    LINK_DOWN,
    /** No node holds the destination address. */
    NO_ROUTE,
    /** A NAT's filtering behaviour refused an inbound packet (RFC 4787 §5). */
    NAT_FILTER,
    /** An inbound packet reached a NAT's public address with no mapping for its port. */
    NAT_NO_MAPPING,
    /** A NAT could not allocate a port for a new mapping: its pool is exhausted. */
    NAT_PORTS_EXHAUSTED,
    /** A packet from inside a NAT to the NAT's own public address, and the NAT does not hairpin (RFC 4787 §6). */
    NAT_NO_HAIRPIN,
    /** A firewall rule blocked the packet. */
    FIREWALL,
    /** The destination host has no socket bound to the destination port. */
    NO_LISTENER,
    /** The destination host's interface is gone (removed in a handover). */
    INTERFACE_DOWN
}
