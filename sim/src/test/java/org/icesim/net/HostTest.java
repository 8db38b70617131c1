package org.icesim.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

class HostTest {

    private final Simulator sim = SuiteChecks.simulator();
    private final Host host = new Host(sim, "alice", new RandomStreams(3).stream("host/alice"));
    private final List<Packet> wifiOut = new ArrayList<>();
    private final List<Packet> cellOut = new ArrayList<>();
    private final Ipv4Address wifiIp = Ipv4Address.parse("192.168.1.10");
    private final Ipv4Address cellIp = Ipv4Address.parse("100.64.0.7");
    private final NetworkInterface wifi = host.addInterface("wifi", wifiIp, wifiOut::add);
    private final NetworkInterface cell = host.addInterface("cell", cellIp, cellOut::add);
    private final List<String> received = new ArrayList<>();
    private final TransportAddress remote = TransportAddress.of("203.0.113.5", 3478);

    private final DatagramHandler recorder = new DatagramHandler() {
        @Override
        public void onDatagram(UdpSocket socket, TransportAddress from, Payload payload) {
            received.add(socket.localAddress().port() + "<-" + from + "#" + ((Numbered) payload).seq());
        }

        @Override
        public void onClosed(UdpSocket socket) {
            received.add("closed " + socket.localAddress());
        }
    };

    private static int nextPort(int port) {
        return port == Host.EPHEMERAL_LAST ? Host.EPHEMERAL_FIRST : port + 1;
    }

    private static Packet packet(Protocol protocol, TransportAddress from, TransportAddress to, int seq) {
        return new Packet(protocol, from, to, new Numbered(seq, 40));
    }

    @Test
    void ephemeralPortsCountUpFromARandomStartInTheDynamicRangeSkippingPortsInUse() {
        int start = Host.EPHEMERAL_FIRST
                + new RandomStreams(3).stream("host/alice").nextInt(Host.EPHEMERAL_LAST - Host.EPHEMERAL_FIRST + 1);
        UdpSocket first = host.openUdp("wifi", 0, recorder);
        assertThat(first.localAddress()).isEqualTo(new TransportAddress(wifiIp, start));
        int taken = nextPort(nextPort(start));
        host.openUdp("wifi", taken, recorder);
        assertThat(host.openUdp("wifi", 0, recorder).localAddress().port()).isEqualTo(nextPort(start));
        assertThat(host.openUdp("wifi", 0, recorder).localAddress().port()).isEqualTo(nextPort(taken));
    }

    @Test
    void runningOutOfEphemeralPortsIsAnErrorOnThatAddressOnly() {
        int count = Host.EPHEMERAL_LAST - Host.EPHEMERAL_FIRST + 1;
        for (int i = 0; i < count; i++) {
            host.openUdp("wifi", 0, recorder);
        }
        assertThatThrownBy(() -> host.openUdp("wifi", 0, recorder))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("every ephemeral UDP port (49152..65535)")
                .hasMessageContaining("alice/wifi");
        assertThat(host.openUdp("cell", 0, recorder).localAddress().ip()).isEqualTo(cellIp);
    }

    @Test
    void aPortInUseCannotBeBoundTwiceButIsFreeAgainAfterClose() {
        UdpSocket socket = host.openUdp("wifi", 5000, recorder);
        assertThatThrownBy(() -> host.openUdp("wifi", 5000, recorder))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("host alice: UDP port 5000 on alice/wifi (192.168.1.10) is already in use");
        host.openUdp("cell", 5000, recorder); // another address, another port space
        socket.close();
        socket.close();
        assertThat(socket.isClosed()).isTrue();
        assertThat(host.openUdp("wifi", 5000, recorder).localAddress().port()).isEqualTo(5000);
        assertThat(received).isEmpty(); // closing your own socket is not announced to you
    }

    @Test
    void invalidPortOrUnknownInterfaceIsRejected() {
        assertThatThrownBy(() -> host.openUdp("wifi", 65536, recorder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be in [0, 65535] (0 picks an ephemeral port), was 65536");
        assertThatThrownBy(() -> host.openUdp("eth0", 0, recorder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host alice has no interface 'eth0' (it has: wifi, cell)");
    }

    @Test
    void interfaceNamesAndAddressesAreUnique() {
        assertThatThrownBy(() -> host.addInterface("wifi", Ipv4Address.parse("10.0.0.1"), wifiOut::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host alice already has an interface named 'wifi'");
        assertThatThrownBy(() -> host.addInterface("eth", cellIp, wifiOut::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host alice: address 100.64.0.7 is already used by interface 'cell'");
    }

    @Test
    void socketSendsFromItsInterfaceAddressAndPortThroughThatInterfacesUplink() {
        UdpSocket socket = host.openUdp("cell", 40000, recorder);
        Payload payload = new Numbered(1, 120);
        socket.send(remote, payload);
        assertThat(wifiOut).isEmpty();
        assertThat(cellOut).containsExactly(
                new Packet(Protocol.UDP, new TransportAddress(cellIp, 40000), remote, payload));
        assertThat(host.outbound().packetsDelivered()).isEqualTo(1);
        assertThat(host.outbound().bytesSent()).isEqualTo(20 + 8 + 120);
    }

    @Test
    void datagramGoesToTheSocketBoundToItsDestinationAddressAndPort() {
        host.openUdp("wifi", 5000, recorder);
        host.openUdp("cell", 5000, recorder);
        wifi.receiver().receive(packet(Protocol.UDP, remote, new TransportAddress(wifiIp, 5000), 1));
        cell.receiver().receive(packet(Protocol.UDP, remote, new TransportAddress(cellIp, 5000), 2));
        assertThat(received).containsExactly("5000<-203.0.113.5:3478#1", "5000<-203.0.113.5:3478#2");
        assertThat(host.inbound().packetsDelivered()).isEqualTo(2);
    }

    @Test
    void datagramForAPortWithoutASocketIsDroppedAsNoListener() {
        host.openUdp("wifi", 5000, recorder);
        wifi.receiver().receive(packet(Protocol.UDP, remote, new TransportAddress(wifiIp, 5001), 1));
        wifi.receiver().receive(packet(Protocol.TCP, remote, new TransportAddress(wifiIp, 5000), 2));
        assertThat(received).isEmpty();
        assertThat(host.inbound().packetsDropped(DropReason.NO_LISTENER)).isEqualTo(2);
    }

    @Test
    void aClosedSocketGetsNothingMoreAndANewSocketOnItsPortGetsWhatFollows() {
        UdpSocket first = host.openUdp("wifi", 5000, recorder);
        TransportAddress local = new TransportAddress(wifiIp, 5000);
        wifi.receiver().receive(packet(Protocol.UDP, remote, local, 1));
        first.close();
        wifi.receiver().receive(packet(Protocol.UDP, remote, local, 2));
        List<String> second = new ArrayList<>();
        host.openUdp("wifi", 5000, new DatagramHandler() {
            @Override
            public void onDatagram(UdpSocket socket, TransportAddress from, Payload payload) {
                second.add("second#" + ((Numbered) payload).seq());
            }

            @Override
            public void onClosed(UdpSocket socket) {
            }
        });
        wifi.receiver().receive(packet(Protocol.UDP, remote, local, 3));

        assertThat(received).containsExactly("5000<-203.0.113.5:3478#1");
        assertThat(second).containsExactly("second#3");
        assertThat(host.inbound().packetsDropped(DropReason.NO_LISTENER)).isEqualTo(1);
    }

    @Test
    void udpForAnotherInterfacesAddressIsDeliveredUntilThatInterfaceIsRemoved() {
        // The weak end-system model (RFC 1122 §3.3.4.2): any of the host's current addresses.
        host.openUdp("cell", 5000, recorder);
        TransportAddress onCell = new TransportAddress(cellIp, 5000);
        wifi.receiver().receive(packet(Protocol.UDP, remote, onCell, 1));
        host.removeInterface("cell");
        wifi.receiver().receive(packet(Protocol.UDP, remote, onCell, 2));

        assertThat(received).containsExactly("5000<-203.0.113.5:3478#1", "closed 100.64.0.7:5000");
        assertThat(host.inbound().packetsDropped(DropReason.NO_ROUTE)).isEqualTo(1);
    }

    @Test
    void packetForAnAddressTheHostDoesNotHaveIsDroppedAsNoRoute() {
        wifi.receiver().receive(packet(Protocol.UDP, remote, TransportAddress.of("192.168.1.99", 5000), 1));
        assertThat(host.inbound().packetsDropped(DropReason.NO_ROUTE)).isEqualTo(1);
    }

    @Test
    void removingAnInterfaceClosesItsSocketsTellsTheirOwnersAndDropsLaterArrivals() {
        UdpSocket first = host.openUdp("wifi", 5000, recorder);
        UdpSocket second = host.openUdp("wifi", 0, recorder);
        UdpSocket onCell = host.openUdp("cell", 5000, recorder);
        host.removeInterface("wifi");
        assertThat(received).containsExactly("closed 192.168.1.10:5000", "closed " + second.localAddress());
        assertThat(first.isClosed()).isTrue();
        assertThat(second.isClosed()).isTrue();
        assertThat(onCell.isClosed()).isFalse();
        assertThat(wifi.isRemoved()).isTrue();
        assertThat(host.interfaces()).containsExactly(cell);
        assertThat(host.findInterface("wifi")).isEmpty();

        wifi.receiver().receive(packet(Protocol.UDP, remote, new TransportAddress(wifiIp, 5000), 1));
        assertThat(host.inbound().packetsDropped(DropReason.INTERFACE_DOWN)).isEqualTo(1);
        assertThatThrownBy(() -> first.send(remote, new Numbered(0, 10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed socket udp 192.168.1.10:5000 on alice/wifi");
        assertThat(wifiOut).isEmpty();
    }

    @Test
    void aNewInterfaceMayReuseTheNameOfARemovedOneWhileTheOldOneStaysDown() {
        host.removeInterface("wifi");
        NetworkInterface again = host.addInterface("wifi", Ipv4Address.parse("192.168.2.10"), wifiOut::add);
        host.openUdp("wifi", 5000, recorder);
        wifi.receiver().receive(packet(Protocol.UDP, remote, new TransportAddress(wifiIp, 5000), 1));
        again.receiver().receive(packet(Protocol.UDP, remote, TransportAddress.of("192.168.2.10", 5000), 2));
        assertThat(received).containsExactly("5000<-203.0.113.5:3478#2");
        assertThat(host.inbound().packetsDropped(DropReason.INTERFACE_DOWN)).isEqualTo(1);
        assertThat(host.interfaces()).containsExactly(cell, again);
    }

    @Test
    void interfaceListenersHearAdditionsAndRemovalsInOrderRightAfterTheChange() {
        List<String> events = new ArrayList<>();
        host.addInterfaceListener(new InterfaceListener() {
            @Override
            public void interfaceAdded(NetworkInterface networkInterface) {
                events.add("added " + networkInterface + " @" + sim.now());
            }

            @Override
            public void interfaceRemoved(NetworkInterface networkInterface) {
                events.add("removed " + networkInterface + " @" + sim.now() + " isRemoved=" + networkInterface.isRemoved());
            }
        });
        sim.scheduleAt(1000, () -> {
            host.addInterface("eth", Ipv4Address.parse("10.0.0.2"), wifiOut::add);
            host.removeInterface("wifi");
            events.add("change done @" + sim.now());
        });
        sim.run();
        // The interfaces added while the test was set up are announced in events at 0, which run
        // after the listener was registered; the later change is announced after it completed.
        assertThat(events).containsExactly(
                "added alice/wifi (192.168.1.10) @0",
                "added alice/cell (100.64.0.7) @0",
                "change done @1000",
                "added alice/eth (10.0.0.2) @1000",
                "removed alice/wifi (192.168.1.10) @1000 isRemoved=true");
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        List<String> events = new ArrayList<>();
        InterfaceListener listener = new InterfaceListener() {
            @Override
            public void interfaceAdded(NetworkInterface networkInterface) {
                events.add("added " + networkInterface.name());
            }

            @Override
            public void interfaceRemoved(NetworkInterface networkInterface) {
                events.add("removed " + networkInterface.name());
            }
        };
        host.addInterfaceListener(listener);
        sim.run();
        host.removeInterfaceListener(listener);
        host.removeInterface("cell");
        sim.run();
        assertThat(events).containsExactly("added wifi", "added cell");
    }

    @Test
    void tcpPacketsForAnyHostAddressGoToTheTcpHandler() {
        List<Packet> tcp = new ArrayList<>();
        host.setTcpHandler(tcp::add);
        Packet toWifi = packet(Protocol.TCP, remote, new TransportAddress(wifiIp, 443), 1);
        Packet toCell = packet(Protocol.TCP, remote, new TransportAddress(cellIp, 443), 2);
        wifi.receiver().receive(toWifi);
        wifi.receiver().receive(toCell);
        assertThat(tcp).containsExactly(toWifi, toCell);
    }

    @Test
    void sendRawLeavesThroughTheInterfaceOwningTheSourceAddressOrIsDroppedAsInterfaceDown() {
        Packet fromCell = packet(Protocol.TCP, new TransportAddress(cellIp, 50000), remote, 1);
        host.sendRaw(fromCell);
        assertThat(cellOut).containsExactly(fromCell);
        host.removeInterface("cell");
        host.sendRaw(fromCell);
        assertThat(cellOut).hasSize(1);
        assertThat(host.outbound().packetsSent()).isEqualTo(2);
        assertThat(host.outbound().packetsDropped(DropReason.INTERFACE_DOWN)).isEqualTo(1);
    }
}
