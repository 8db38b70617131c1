package org.icesim.webrtc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The W3C "perfect negotiation" example (webrtc-pc §10.7) as a reusable driver: it answers
 * negotiationneeded with a parameterless setLocalDescription(), sends descriptions and candidates
 * over a {@link SignalingChannel}, and applies what arrives, resolving offer collisions (glare) by
 * role: the polite peer lets setRemoteDescription roll its own offer back, the impolite peer
 * ignores the colliding offer.
 *
 * <p>The example's {@code console.error} becomes {@link #errors()}: every rejection the driver
 * sees is kept, except candidate errors while an offer is being ignored (those candidates belong
 * to the ignored offer).
 */
public final class PerfectNegotiation {

    /** Which side backs down on an offer collision. */
    public enum Role {
        /** Rolls back its own offer and answers the remote one. */
        POLITE,
        /** Ignores a remote offer that collides with its own. */
        IMPOLITE
    }

    private final PeerConnection pc;
    private final SignalingChannel channel;
    private final boolean polite;
    private final List<DomException> errors = new ArrayList<>();
    private boolean makingOffer;
    private boolean ignoreOffer;
    private boolean isSettingRemoteAnswerPending;

    private PerfectNegotiation(PeerConnection pc, SignalingChannel channel, Role role) {
        this.pc = pc;
        this.channel = channel;
        this.polite = role == Role.POLITE;
    }

    /** Starts driving {@code pc} over {@code channel}. */
    public static PerfectNegotiation attach(PeerConnection pc, SignalingChannel channel, Role role) {
        if (pc == null || channel == null || role == null) {
            throw new IllegalArgumentException("pc, channel and role must not be null");
        }
        PerfectNegotiation driver = new PerfectNegotiation(pc, channel, role);
        pc.addListener(driver::onEvent);
        channel.onReceive(driver::onMessage);
        return driver;
    }

    /** The errors the example would have logged, in order. */
    public List<DomException> errors() {
        return Collections.unmodifiableList(errors);
    }

    /** Whether the driver is between negotiationneeded and the end of its setLocalDescription(). */
    public boolean isMakingOffer() {
        return makingOffer;
    }

    private void onEvent(PeerConnectionEvent event) {
        if (event instanceof PeerConnectionEvent.IceCandidateEvent) {
            channel.send(new SignalingMessage.CandidateMessage(((PeerConnectionEvent.IceCandidateEvent) event).candidate()));
        } else if (event instanceof PeerConnectionEvent.NegotiationNeeded) {
            makingOffer = true;
            pc.setLocalDescription().whenComplete((done, error) -> {
                if (error == null) {
                    channel.send(new SignalingMessage.DescriptionMessage(pc.localDescription()));
                } else {
                    errors.add(error);
                }
                makingOffer = false;
            });
        }
    }

    private void onMessage(SignalingMessage message) {
        if (message instanceof SignalingMessage.DescriptionMessage) {
            onDescription(((SignalingMessage.DescriptionMessage) message).description());
        } else {
            IceCandidate candidate = ((SignalingMessage.CandidateMessage) message).candidate();
            // The example tests "if (candidate)": the null candidate is skipped.
            if (candidate != null) {
                pc.addIceCandidate(candidate).onFailure(error -> {
                    if (!ignoreOffer) {
                        errors.add(error);
                    }
                });
            }
        }
    }

    private void onDescription(SessionDescription description) {
        // An offer arriving while our setRemoteDescription(answer) is still queued will meet a
        // stable state by the time it runs, so it is not a collision.
        boolean readyForOffer = !makingOffer
                && (pc.signalingState() == SignalingState.STABLE || isSettingRemoteAnswerPending);
        boolean offerCollision = description.type() == SdpType.OFFER && !readyForOffer;
        ignoreOffer = !polite && offerCollision;
        if (ignoreOffer) {
            return;
        }
        isSettingRemoteAnswerPending = description.type() == SdpType.ANSWER;
        pc.setRemoteDescription(description).whenComplete((done, error) -> {
            if (error != null) {
                // As in the example, the pending-answer flag stays as it was when SRD throws.
                errors.add(error);
                return;
            }
            isSettingRemoteAnswerPending = false;
            if (description.type() == SdpType.OFFER) {
                pc.setLocalDescription().whenComplete((answered, answerError) -> {
                    if (answerError == null) {
                        channel.send(new SignalingMessage.DescriptionMessage(pc.localDescription()));
                    } else {
                        errors.add(answerError);
                    }
                });
            }
        });
    }
}
