package org.icesim.media;

/** One outgoing media stream of a peer, per packet or as a fluid flow. */
public interface MediaSender {

    /** The application starts the stream; it waits for a path if there is none. */
    void start();

    void stop();

    /**
     * The selected path changed or became usable again. A packet source needs nothing (its next
     * packet takes the new path); a fluid flow starts a new segment at once.
     */
    default void pathChanged() {
    }
}
