package org.icesim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.net.tcp.TcpTestbed.CLIENT;
import static org.icesim.net.tcp.TcpTestbed.SERVER;

import java.util.List;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.icesim.kernel.Simulator;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

class TcpSequenceWrapTest {

    /** Always draws the same int, so the ISS is 2^32 - 1000 and the sequence space wraps within 1000 bytes. */
    private static final class FixedIss extends JDKRandomGenerator {
        private static final long serialVersionUID = 1L;

        @Override
        public int nextInt() {
            return -1000;
        }
    }

    @Test
    void sequenceNumbersWrapAtTwoToTheThirtyTwoWithoutDisturbingDelivery() {
        Simulator sim = SuiteChecks.simulator();
        TestChannel channel = new TestChannel(sim, TcpTestbed.ONE_WAY);
        TcpStack client = new TcpStack(sim, channel, TcpConfig.defaults(), new FixedIss());
        TcpStack server = new TcpStack(sim, channel, TcpConfig.defaults(), new FixedIss());
        channel.attach(CLIENT.ip(), client);
        channel.attach(SERVER.ip(), server);
        RecordingListener clientEvents = new RecordingListener(sim);
        RecordingListener serverEvents = new RecordingListener(sim);
        serverEvents.whenMessage((connection, message) -> connection.send(new TestMessage("echo-" + message, 3000)));
        server.listen(SERVER, connection -> serverEvents);
        channel.drop(1, TcpTestbed::carriesData);
        TcpConnection connection = client.connect(CLIENT, SERVER, clientEvents);
        connection.send(new TestMessage("a", 3000));
        connection.send(new TestMessage("b", 3000));
        sim.run();

        List<Long> sequenceNumbers = channel.log().stream()
                .filter(t -> t.packet().source().equals(CLIENT) && t.segment().length() > 0)
                .map(t -> t.segment().sequenceNumber()).toList();
        assertThat(sequenceNumbers.get(0)).isEqualTo((1L << 32) - 999);
        assertThat(sequenceNumbers).contains((1L << 32) - 999 + 2920 - (1L << 32));
        // The first data segment is lost; the five after it draw duplicate ACKs and a fast retransmit at 40 ms.
        assertThat(serverEvents.events()).containsExactly("connected@30ms", "a@50ms", "b@50ms");
        assertThat(clientEvents.events()).containsExactly("connected@20ms", "echo-a@60ms", "echo-b@60ms");
        assertThat(connection.fastRetransmissions()).isEqualTo(1);
    }
}
