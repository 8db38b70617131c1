package org.icesim.ice;

import java.util.Optional;

/**
 * Whether an ICE stack learns that its host's interfaces changed: the operating system's or
 * browser's network monitor as the stack sees it. What happens to the sockets themselves does
 * not depend on it: a vanished interface's sockets stop working either way.
 */
public enum NetworkMonitor {
    /**
     * The stack is told of every change: the candidates of a vanished interface are dropped and
     * their pairs fail at once (RFC 8445 §5.1.1.4), and with continual gathering a new interface
     * is gathered on.
     */
    ANNOUNCED,
    /**
     * The stack is not told: a vanished interface's candidates and pairs stay, their sends fail,
     * and only the liveness rules notice, as they notice a black hole; a new interface is used only
     * by a new generation (an ICE restart).
     */
    SILENT;

    /**
     * Whether a change reaches the application (the event the {@code on-network-change} policy
     * restarts on): as {@code announced} says when the scenario says it, else as the stack learns
     * of it, since both hear the same platform's monitor.
     */
    public boolean reachesApplication(Optional<Boolean> announced) {
        return announced.orElse(this == ANNOUNCED);
    }
}
