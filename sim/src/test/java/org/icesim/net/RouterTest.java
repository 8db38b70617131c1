package org.icesim.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final Router router = new Router("internet");
    private final List<Packet> toAlice = new ArrayList<>();
    private final List<Packet> toBob = new ArrayList<>();
    private final Ipv4Address alice = Ipv4Address.parse("198.51.100.10");
    private final Ipv4Address bob = Ipv4Address.parse("203.0.113.20");

    private static Packet to(Ipv4Address destination, int port) {
        return new Packet(Protocol.UDP, TransportAddress.of("192.0.2.1", 1234), new TransportAddress(destination, port),
                new Numbered(0, 50));
    }

    @Test
    void forwardsByExactDestinationAddressAtOnce() {
        router.attach(alice, toAlice::add);
        router.attach(bob, toBob::add);
        Packet forAlice = to(alice, 1);
        Packet forBob = to(bob, 2);
        router.receive(forAlice);
        router.receive(forBob);
        assertThat(toAlice).containsExactly(forAlice);
        assertThat(toBob).containsExactly(forBob);
        assertThat(router.counters().packetsDelivered()).isEqualTo(2);
    }

    @Test
    void packetForAnUnknownAddressIsDroppedAsNoRoute() {
        router.attach(alice, toAlice::add);
        router.receive(to(Ipv4Address.parse("198.51.100.11"), 1));
        assertThat(toAlice).isEmpty();
        assertThat(router.counters().packetsSent()).isEqualTo(1);
        assertThat(router.counters().packetsDropped(DropReason.NO_ROUTE)).isEqualTo(1);
        assertThat(router.counters().bytesDropped(DropReason.NO_ROUTE)).isEqualTo(20 + 8 + 50);
    }

    @Test
    void detachedAddressIsNoLongerRoutedAndCanBeAttachedElsewhere() {
        router.attach(alice, toAlice::add);
        router.detach(alice);
        assertThat(router.isAttached(alice)).isFalse();
        router.receive(to(alice, 1));
        assertThat(router.counters().packetsDropped(DropReason.NO_ROUTE)).isEqualTo(1);
        router.attach(alice, toBob::add);
        router.receive(to(alice, 1));
        assertThat(toAlice).isEmpty();
        assertThat(toBob).hasSize(1);
        router.detach(bob); // not attached: nothing to do
        assertThat(router.isAttached(alice)).isTrue();
    }

    @Test
    void attachingAnAttachedAddressAgainIsRejected() {
        router.attach(alice, toAlice::add);
        assertThatThrownBy(() -> router.attach(alice, toBob::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("router internet")
                .hasMessageContaining("198.51.100.10 is already attached");
    }
}
