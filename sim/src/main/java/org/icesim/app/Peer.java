package org.icesim.app;

import java.util.ArrayList;
import java.util.List;
import org.icesim.ice.IceProfile;
import org.icesim.icenet.NetworkIceTransport;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.media.MediaSender;
import org.icesim.media.MediaSink;
import org.icesim.media.MediaSpec;
import org.icesim.metrics.EventDetail.StateChange;
import org.icesim.metrics.EventDetail;
import org.icesim.metrics.EventKind;
import org.icesim.metrics.EventSink;
import org.icesim.metrics.MediaArrivalLog;
import org.icesim.net.Host;
import org.icesim.net.Payload;
import org.icesim.net.tcp.TcpConfig;
import org.icesim.net.tcp.TcpStack;
import org.icesim.signaling.LongPollSignalingClient;
import org.icesim.signaling.SignalingClient;
import org.icesim.signaling.SignalingTransport;
import org.icesim.signaling.StreamSignalingClient;
import org.icesim.webrtc.IceConnectionState;
import org.icesim.webrtc.PeerConnection;
import org.icesim.webrtc.PeerConnectionEvent;
import org.icesim.webrtc.PerfectNegotiation;
import org.icesim.webrtc.SignalingMessage;
import org.icesim.webrtc.SignalingState;

/**
 * One WebRTC endpoint with its application: a host's TCP stack and signaling client, a
 * PeerConnection whose ICE runs on the host's network, perfect negotiation over the signaling
 * channel, media sources and a sink on the selected pair, and the restart policy. Everything the
 * metrics need is recorded as it happens.
 */
public final class Peer {
    private final Simulator sim;
    private final String name;
    private final Host host;
    private final PeerSetup setup;
    private final EventSink events;
    private final SignalingClient signaling;
    private final PeerConnection pc;
    private final RestartController restarts;
    private final MediaSink sink;
    private final List<MediaSender> sources = new ArrayList<>();
    private NetworkIceTransport transport;
    private SignalingBridge bridge;
    private SignalingState signalingState = SignalingState.STABLE;
    private Object lastAppliedAnswer;

    /**
     * @param arrivals where the sink notes the media that arrives (folded online into the call's
     *                 media window, or into a fleet's interruption figures)
     */
    public Peer(Simulator sim, RandomStreams streams, String name, Host host, PeerSetup setup, EventSink events,
            MediaArrivalLog arrivals) {
        this.sim = sim;
        this.name = name;
        this.host = host;
        this.setup = setup;
        this.events = events;
        TcpStack tcp = new TcpStack(sim, host::sendRaw, TcpConfig.defaults(), streams.stream("tcp/" + name));
        host.setTcpHandler(tcp::receive);
        signaling = signalingClient(streams, name, host, tcp, events);
        pc = new PeerConnection(sim, streams.stream("pc/" + name), setup.connection(), observer -> {
            transport = new NetworkIceTransport(sim, host, tcp, setup.profile(), setup.iceServers(), setup.policy(),
                    streams.stream("ice/" + name), events, name, observer);
            return transport;
        });
        sink = new MediaSink(sim, arrivals);
        transport.setDataReceiver(sink::receive);
        pc.addListener(this::record);
        SignalingBridge bridge = new SignalingBridge(sim, name, setup.remote(), signaling, events, () -> resendOffer());
        this.bridge = bridge;
        PerfectNegotiation.attach(pc, bridge, setup.role());
        restarts = new RestartController(sim, name, pc, setup.restartPolicy(), events);
        int ssrc = streams.stream("ssrc/" + name).nextInt();
        for (MediaSpec spec : setup.media()) {
            sources.add(setup.delivery().sender(sim, spec, ssrc++, this::sendMedia));
        }
        signaling.start();
    }

    private SignalingClient signalingClient(RandomStreams streams, String name, Host host, TcpStack tcp, EventSink events) {
        if (setup.signalingTransport() instanceof SignalingTransport.LongPoll poll) {
            return new LongPollSignalingClient(sim, host, tcp, name, setup.signalingServer(), setup.signalingTls(), poll,
                    streams.stream("signaling/" + name), events);
        }
        return new StreamSignalingClient(sim, host, tcp, name, setup.signalingServer(), setup.signalingTls(),
                (SignalingTransport.Stream) setup.signalingTransport(), true, streams.stream("signaling/" + name), events);
    }

    public Host host() {
        return host;
    }

    public NetworkIceTransport transport() {
        return transport;
    }

    public MediaSink sink() {
        return sink;
    }

    public RestartController restarts() {
        return restarts;
    }

    /** The ICE implementation constants of its stack. */
    public IceProfile profile() {
        return setup.profile();
    }

    /** The caller starts negotiating: adding a transceiver makes the connection need negotiation. */
    public void call() {
        pc.addTransceiver();
    }

    /** The application starts its media streams (they wait for a selected pair). */
    public void startMedia() {
        sources.forEach(MediaSender::start);
    }

    public void restartIce(String reason) {
        restarts.restartIce(reason);
    }

    public void close() {
        sources.forEach(MediaSender::stop);
        pc.close();
    }

    /**
     * A message written to a signaling connection that then broke is lost with it, so an offer
     * sent just before a network fault may never arrive. Like robust applications do, the peer
     * sends its pending offer again when signaling comes back.
     */
    private void resendOffer() {
        if (pc.signalingState() == SignalingState.HAVE_LOCAL_OFFER && pc.pendingLocalDescription() != null) {
            bridge.send(new SignalingMessage.DescriptionMessage(pc.pendingLocalDescription()));
        }
    }

    private boolean sendMedia(Payload packet) {
        return transport.sendData(packet);
    }

    private void record(PeerConnectionEvent event) {
        long now = sim.now();
        if (event instanceof PeerConnectionEvent.IceConnectionStateChange e) {
            events.record(now, name, StateChange.ice(e.state().w3cName()));
            if (e.state() == IceConnectionState.CONNECTED || e.state() == IceConnectionState.COMPLETED) {
                sources.forEach(MediaSender::pathChanged);
            }
        } else if (event instanceof PeerConnectionEvent.SelectedCandidatePairChange) {
            sources.forEach(MediaSender::pathChanged);
        } else if (event instanceof PeerConnectionEvent.ConnectionStateChange e) {
            events.record(now, name, new StateChange(EventKind.CONNECTION_STATE, e.state().w3cName()));
        } else if (event instanceof PeerConnectionEvent.IceGatheringStateChange e) {
            events.record(now, name, new StateChange(EventKind.ICE_GATHERING_STATE, e.state().w3cName()));
        } else if (event instanceof PeerConnectionEvent.SignalingStateChange e) {
            events.record(now, name, new StateChange(EventKind.SIGNALING_STATE, e.state().w3cName()));
            // setRemoteDescription(answer) completing is the step from have-local-offer to stable
            // that brings a new current remote description (a rollback brings none).
            if (signalingState == SignalingState.HAVE_LOCAL_OFFER && e.state() == SignalingState.STABLE
                    && pc.currentRemoteDescription() != null && pc.currentRemoteDescription() != lastAppliedAnswer) {
                lastAppliedAnswer = pc.currentRemoteDescription();
                events.record(now, name, new EventDetail.AnswerApplied());
            }
            signalingState = e.state();
        }
    }
}
