package org.icesim.webrtc;

import java.util.Collection;

/**
 * W3C {@code RTCIceGatheringState} (the connection's aggregate) and, with the same three values,
 * {@code RTCIceGathererState} (one transport's gathering state as the ICE agent reports it).
 */
public enum IceGatheringState {
    NEW("new"),
    GATHERING("gathering"),
    COMPLETE("complete");

    private final String w3cName;

    IceGatheringState(String w3cName) {
        this.w3cName = w3cName;
    }

    /** The value as the W3C API spells it. */
    public String w3cName() {
        return w3cName;
    }

    /**
     * Derives the connection's gathering state from its transports' (W3C RTCIceGatheringState):
     * gathering if any transport is gathering; complete if there is at least one transport and all
     * are complete; otherwise new (some transport new and none gathering, or no transports).
     */
    public static IceGatheringState aggregate(Collection<IceGatheringState> transports) {
        if (transports.contains(GATHERING)) {
            return GATHERING;
        }
        if (!transports.isEmpty() && !transports.contains(NEW)) {
            return COMPLETE;
        }
        return NEW;
    }
}
