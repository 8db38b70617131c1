package org.icesim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.millis;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.kernel.RandomStreams;
import org.icesim.net.Payload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TcpLossySoakTest {

    private static final int MESSAGES = 150;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void underRandomLossBothDirectionsDeliverEveryMessageOnceAndInOrder(long seed) {
        TcpTestbed bed = new TcpTestbed(TcpConfig.defaults().withWindow(20_000), seed).listening();
        RandomGenerator loss = new RandomStreams(seed).stream("test/loss");
        bed.channel.dropAll(packet -> loss.nextDouble() < 0.15);
        RandomGenerator sizes = new RandomStreams(seed).stream("test/sizes");
        List<Payload> fromClient = messages("c", sizes);
        List<Payload> fromServer = messages("s", sizes);
        bed.clientEvents.whenMessage((connection, message) -> {
            if (bed.clientEvents.messages().size() == MESSAGES) {
                connection.close();
            }
        });
        TcpConnection client = bed.connect();
        for (int i = 0; i < MESSAGES; i++) {
            Payload c = fromClient.get(i);
            Payload s = fromServer.get(i);
            bed.at(millis(10L * i), () -> client.send(c));
            bed.at(millis(5_000 + 10L * i), () -> bed.serverEvents.connection().send(s));
        }
        bed.sim.run();

        assertThat(bed.serverEvents.messages()).containsExactlyElementsOf(fromClient);
        assertThat(bed.clientEvents.messages()).containsExactlyElementsOf(fromServer);
        assertThat(bed.serverEvents.events()).last().asString().startsWith("CLOSED_BY_PEER@");
        assertThat(bed.clientEvents.events()).last().asString().startsWith("LOCAL_CLOSE@");
        assertThat(client.retransmissions()).isPositive();
        assertThat(bed.client.connectionCount()).isZero();
        assertThat(bed.server.connectionCount()).isZero();
    }

    private static List<Payload> messages(String prefix, RandomGenerator sizes) {
        List<Payload> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            messages.add(new TestMessage(prefix + i, 1 + sizes.nextInt(4000)));
        }
        return messages;
    }
}
