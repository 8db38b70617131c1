package org.icesim.net;

/**
 * Hears a host's network changes, as an ICE agent does to gather on a new interface or give up
 * the candidates of a lost one. Calls arrive in a zero-delay event after the change (see
 * {@link Host#addInterfaceListener}).
 */
public interface InterfaceListener {

    void interfaceAdded(NetworkInterface networkInterface);

    /** {@code networkInterface} is gone: its sockets are already closed. */
    void interfaceRemoved(NetworkInterface networkInterface);
}
