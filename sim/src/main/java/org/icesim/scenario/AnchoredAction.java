package org.icesim.scenario;

/**
 * A timeline action that waits for an event instead of a fixed instant ({@link TimelineAnchor}).
 * The action's own {@link TimelineAction#atNanos()} is the anchor's offset: it runs that long after
 * the event, once, or never if the event never happens.
 */
public record AnchoredAction(TimelineAnchor anchor, TimelineAction action) {

    public AnchoredAction {
        if (action.atNanos() != anchor.offsetNanos()) {
            throw new IllegalArgumentException("the action's instant (" + action.atNanos()
                    + " ns) must be the anchor's offset (" + anchor.offsetNanos() + " ns)");
        }
    }

    /** For the event log: {@code "link-down alice/wifi at connected+5s"}. */
    public String describe() {
        return action.action() + " " + action.target() + " at " + anchor;
    }
}
