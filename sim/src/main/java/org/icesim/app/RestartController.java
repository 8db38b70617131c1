package org.icesim.app;

import org.icesim.kernel.Scheduler;
import org.icesim.kernel.Timer;
import org.icesim.metrics.EventDetail;
import org.icesim.metrics.EventKind;
import org.icesim.metrics.EventSink;
import org.icesim.webrtc.IceConnectionState;
import org.icesim.webrtc.PeerConnection;
import org.icesim.webrtc.PeerConnectionEvent;

/**
 * The application code around one PeerConnection that decides when to call restartIce(),
 * following its {@link RestartPolicy}, on the state the policy watches (iceConnectionState or
 * connectionState, as the page's state change handlers see them). Every call is recorded as a
 * {@link EventKind#RESTART_ICE} event, whether the policy or the scenario's timeline asked for it.
 */
public final class RestartController {

    /** What a policy reacts to in the watched state; both states spell these two values alike. */
    private enum Condition {
        DISCONNECTED, FAILED, OTHER;

        static Condition of(String w3cName) {
            return switch (w3cName) {
                case "disconnected" -> DISCONNECTED;
                case "failed" -> FAILED;
                default -> OTHER;
            };
        }
    }

    private final Scheduler scheduler;
    private final String peer;
    private final PeerConnection pc;
    private final RestartPolicy policy;
    private final RestartPolicy.Watch watch;
    private final EventSink events;
    private Condition state = Condition.OTHER;
    private Timer disconnectedTimer;
    private boolean networkChangePending;
    private long restarts;

    public RestartController(Scheduler scheduler, String peer, PeerConnection pc, RestartPolicy policy,
            EventSink events) {
        this.scheduler = scheduler;
        this.peer = peer;
        this.pc = pc;
        this.policy = policy;
        this.watch = policy instanceof RestartPolicy.OnFailed f ? f.watch()
                : policy instanceof RestartPolicy.OnDisconnected d ? d.watch() : RestartPolicy.Watch.ICE;
        this.events = events;
        pc.addListener(event -> {
            if (event instanceof PeerConnectionEvent.IceConnectionStateChange change && watch == RestartPolicy.Watch.ICE) {
                onWatchedState(Condition.of(change.state().w3cName()));
            } else if (event instanceof PeerConnectionEvent.ConnectionStateChange change
                    && watch == RestartPolicy.Watch.CONNECTION) {
                onWatchedState(Condition.of(change.state().w3cName()));
            }
        });
    }

    /** Calls restartIce() now, on behalf of the application (policy or timeline). */
    public void restartIce(String reason) {
        if (pc.iceConnectionState() == IceConnectionState.CLOSED) {
            return;
        }
        restarts++;
        events.record(scheduler.now(), peer, new EventDetail.RestartIce(reason));
        pc.restartIce();
    }

    public long restarts() {
        return restarts;
    }

    private void onWatchedState(Condition newState) {
        Condition previous = state;
        state = newState;
        if (policy instanceof RestartPolicy.OnFailed && newState == Condition.FAILED) {
            restartIce(policy.toString());
        } else if (policy instanceof RestartPolicy.OnDisconnected onDisconnected) {
            if (newState == Condition.FAILED && previous != Condition.FAILED) {
                cancelTimer();
                restartIce("on-failed");
            } else if (newState == Condition.DISCONNECTED && previous != Condition.DISCONNECTED) {
                cancelTimer();
                disconnectedTimer = scheduler.schedule(onDisconnected.afterNanos(), () -> {
                    if (state == Condition.DISCONNECTED) {
                        restartIce(policy.toString());
                    }
                });
            } else if (newState != Condition.DISCONNECTED) {
                cancelTimer();
            }
        }
    }

    /**
     * The operating system told the application that the host's interfaces changed (only changes
     * it announces reach here; the interfaces the host starts with are not a change). Before the
     * call's ICE has started (iceConnectionState new) there is nothing to restart.
     */
    public void networkChanged() {
        // A handover removes one interface and adds another at the same instant; the operating
        // system's change notification is one event, so the application restarts once.
        if (policy instanceof RestartPolicy.OnNetworkChange && pc.iceConnectionState() != IceConnectionState.NEW && !networkChangePending) {
            networkChangePending = true;
            scheduler.post(0, () -> {
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
