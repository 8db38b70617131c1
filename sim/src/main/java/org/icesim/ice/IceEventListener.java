package org.icesim.ice;

/** Receives an agent's events as they happen. */
@FunctionalInterface
public interface IceEventListener {

    IceEventListener NONE = event -> { };

    void onEvent(IceEvent event);
}
