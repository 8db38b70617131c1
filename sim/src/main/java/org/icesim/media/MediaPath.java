package org.icesim.media;

import org.icesim.net.Payload;

/** Where a source's packets go: the call's currently selected ICE pair, direct or relayed. */
@FunctionalInterface
public interface MediaPath {
    /** Sends the packet; false when there is no usable path right now (the packet is not sent). */
    boolean send(Payload packet);
}
