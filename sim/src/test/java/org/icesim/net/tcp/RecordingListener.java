package org.icesim.net.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.icesim.kernel.Clock;
import org.icesim.net.Payload;

/** Records every callback with its simulated time, e.g. {@code "connected@20ms"}. */
final class RecordingListener implements TcpListener {
    private final Clock clock;
    private final List<String> events = new ArrayList<>();
    private final List<Payload> messages = new ArrayList<>();
    private BiConsumer<TcpConnection, Payload> onMessage = (connection, message) -> { };
    private TcpConnection connection;

    RecordingListener(Clock clock) {
        this.clock = clock;
    }

    /** Runs {@code action} after recording each message, e.g. to answer it. */
    RecordingListener whenMessage(BiConsumer<TcpConnection, Payload> action) {
        onMessage = action;
        return this;
    }

    List<String> events() {
        return events;
    }

    List<Payload> messages() {
        return messages;
    }

    /** The connection of the latest callback. */
    TcpConnection connection() {
        return connection;
    }

    @Override
    public void onConnected(TcpConnection c) {
        connection = c;
        events.add("connected@" + TcpTestbed.ms(clock.now()));
    }

    @Override
    public void onMessage(TcpConnection c, Payload message) {
        connection = c;
        events.add(message + "@" + TcpTestbed.ms(clock.now()));
        messages.add(message);
        onMessage.accept(c, message);
    }

    @Override
    public void onClosed(TcpConnection c, TcpCloseReason reason) {
        connection = c;
        events.add(reason + "@" + TcpTestbed.ms(clock.now()));
    }
}
