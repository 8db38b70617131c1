package org.icesim.net.tcp;

import static org.icesim.kernel.Durations.millis;

import java.util.ArrayList;
import java.util.List;
import org.icesim.kernel.Durations;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.net.Packet;
import org.icesim.net.TcpHeader;
import org.icesim.net.TransportAddress;
import org.icesim.testkit.SuiteChecks;

/** A client stack and a server stack joined by a zero-jitter 10 ms one-way {@link TestChannel}. */
final class TcpTestbed {
    static final long ONE_WAY = millis(10);
    static final TransportAddress CLIENT = TransportAddress.of("10.0.0.1", 50000);
    static final TransportAddress SERVER = TransportAddress.of("10.0.0.2", 443);

    final Simulator sim = SuiteChecks.simulator();
    final TestChannel channel = new TestChannel(sim, ONE_WAY);
    final TcpStack client;
    final TcpStack server;
    final RecordingListener clientEvents = new RecordingListener(sim);
    final RecordingListener serverEvents = new RecordingListener(sim);

    TcpTestbed() {
        this(TcpConfig.defaults(), 1);
    }

    TcpTestbed(TcpConfig config) {
        this(config, 1);
    }

    TcpTestbed(TcpConfig config, long seed) {
        RandomStreams random = new RandomStreams(seed);
        client = new TcpStack(sim, channel, config, random.stream("client/tcp"));
        server = new TcpStack(sim, channel, config, random.stream("server/tcp"));
        channel.attach(CLIENT.ip(), client);
        channel.attach(SERVER.ip(), server);
    }

    /** The server listens on {@link #SERVER}; every accepted connection reports to {@link #serverEvents}. */
    TcpTestbed listening() {
        server.listen(SERVER, connection -> serverEvents);
        return this;
    }

    TcpConnection connect() {
        return client.connect(CLIENT, SERVER, clientEvents);
    }

    /** Runs {@code action} at simulated time {@code at}. */
    void at(long at, Runnable action) {
        sim.scheduleAt(at, action);
    }

    /** Transmissions from {@code source}, as "20ms ACK 100" (time, flags, data length), dropped ones marked. */
    List<String> sentBy(TransportAddress source) {
        List<String> sent = new ArrayList<>();
        for (TestChannel.Transmission t : channel.log()) {
            if (t.packet().source().equals(source)) {
                sent.add(ms(t.at()) + " " + flags(t.segment()) + " " + t.segment().length() + (t.dropped() ? " dropped" : ""));
            }
        }
        return sent;
    }

    /** Simulated time as milliseconds, e.g. "20ms" or "20.5ms". */
    static String ms(long nanos) {
        return nanos % millis(1) == 0 ? nanos / millis(1) + "ms" : Durations.toMillis(nanos) + "ms";
    }

    static String flags(TcpSegment segment) {
        StringBuilder text = new StringBuilder();
        String[] names = {"SYN", "FIN", "RST", "ACK"};
        int[] bits = {TcpHeader.FLAG_SYN, TcpHeader.FLAG_FIN, TcpHeader.FLAG_RST, TcpHeader.FLAG_ACK};
        for (int i = 0; i < names.length; i++) {
            if (segment.has(bits[i])) {
                text.append(text.length() == 0 ? "" : "|").append(names[i]);
            }
        }
        return text.toString();
    }

    static boolean isSyn(Packet packet) {
        TcpSegment segment = (TcpSegment) packet.payload();
        return segment.has(TcpHeader.FLAG_SYN) && !segment.has(TcpHeader.FLAG_ACK);
    }

    static boolean isSynAck(Packet packet) {
        TcpSegment segment = (TcpSegment) packet.payload();
        return segment.has(TcpHeader.FLAG_SYN) && segment.has(TcpHeader.FLAG_ACK);
    }

    static boolean carriesData(Packet packet) {
        return ((TcpSegment) packet.payload()).length() > 0;
    }
}
