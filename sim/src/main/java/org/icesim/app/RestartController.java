package org.icesim.app;

import org.icesim.kernel.Scheduler;
import org.icesim.kernel.Timer;
import org.icesim.metrics.EventDetail;
import org.icesim.metrics.EventKind;
import org.icesim.metrics.EventSink;
import org.icesim.net.Host;
import org.icesim.net.InterfaceListener;
import org.icesim.net.NetworkInterface;
import org.icesim.webrtc.IceConnectionState;
import org.icesim.webrtc.PeerConnection;
import org.icesim.webrtc.PeerConnectionEvent;

/**
 * The application code around one PeerConnection that decides when to call restartIce(),
 * following its {@link RestartPolicy}. Every call is recorded as a {@link EventKind#RESTART_ICE}
 * event, whether the policy or the scenario's timeline asked for it.
 */
public final class RestartController {
    private final Scheduler scheduler;
    private final String peer;
    private final PeerConnection pc;
    private final RestartPolicy policy;
    private final EventSink events;
    private IceConnectionState state = IceConnectionState.NEW;
    private Timer disconnectedTimer;
    private boolean networkChangePending;
    private long restarts;

    public RestartController(Scheduler scheduler, String peer, PeerConnection pc, Host host, RestartPolicy policy,
            EventSink events) {
        this.scheduler = scheduler;
        this.peer = peer;
        this.pc = pc;
        this.policy = policy;
        this.events = events;
        pc.addListener(event -> {
            if (event instanceof PeerConnectionEvent.IceConnectionStateChange change) {
                onIceConnectionState(change.state());
            }
        });
        host.addInterfaceListener(new InterfaceListener() {
            @Override
            public void interfaceAdded(NetworkInterface networkInterface) {
                onNetworkChange();
            }

            @Override
            public void interfaceRemoved(NetworkInterface networkInterface) {
                onNetworkChange();
            }
        });
    }

    /** Calls restartIce() now, on behalf of the application (policy or timeline). */
    public void restartIce(String reason) {
        if (state == IceConnectionState.CLOSED) {
            return;
        }
        restarts++;
        events.record(scheduler.now(), peer, new EventDetail.RestartIce(reason));
        pc.restartIce();
    }

    public long restarts() {
        return restarts;
    }

    private void onIceConnectionState(IceConnectionState newState) {
        IceConnectionState previous = state;
        state = newState;
        if (policy instanceof RestartPolicy.OnFailed && newState == IceConnectionState.FAILED) {
            restartIce("on-failed");
        } else if (policy instanceof RestartPolicy.OnDisconnected onDisconnected) {
            if (newState == IceConnectionState.FAILED && previous != IceConnectionState.FAILED) {
                cancelTimer();
                restartIce("on-failed");
            } else if (newState == IceConnectionState.DISCONNECTED && previous != IceConnectionState.DISCONNECTED) {
                cancelTimer();
                disconnectedTimer = scheduler.schedule(onDisconnected.afterNanos(), () -> {
                    if (state == IceConnectionState.DISCONNECTED) {
                        restartIce(policy.toString());
                    }
                });
            } else if (newState != IceConnectionState.DISCONNECTED) {
                cancelTimer();
            }
        }
    }

    private void onNetworkChange() {
        // A handover removes one interface and adds another at the same instant; the operating
        // system's change notification is one event, so the application restarts once.
        if (policy instanceof RestartPolicy.OnNetworkChange && !networkChangePending) {
            networkChangePending = true;
            scheduler.schedule(0, () -> {
                networkChangePending = false;
                restartIce("on-network-change");
            });
        }
    }

    private void cancelTimer() {
        if (disconnectedTimer != null) {
            disconnectedTimer.cancel();
            disconnectedTimer = null;
        }
    }
}
