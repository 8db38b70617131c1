package org.icesim.webrtc;

import org.icesim.ice.IceRole;
import org.icesim.ice.IceCredentials;
import org.icesim.ice.IceTransportState;

/**
 * What a {@link PeerConnection} asks of its ICE agent, for its one ICE transport (all media
 * sections are bundled, RFC 8843). The ICE agent implements this and reports back through the
 * {@link IceTransportObserver} it was created with; the peer connection calls these methods when
 * descriptions are applied (JSEP/RFC 8829 "applying a local/remote description"), from inside the
 * simulator's event loop.
 *
 * <p><b>Generations.</b> Each distinct {@link IceCredentials} pair is one ICE generation (RFC 8838
 * §2); candidates name theirs by {@code usernameFragment}. Local and remote generations are
 * announced as descriptions are applied; an applied answer (or pranswer) pairs one local with one
 * remote generation through {@link #startChecks}, and only a paired generation runs connectivity
 * checks. A generation announced by an offer that is later rolled back is discarded with
 * {@link #rollback()}. While a restart is pending, the generations paired before keep running
 * (rtcweb-wg/jsep#250, PR #312: run old and new in parallel, drop the new one on rollback).
 *
 * <p>Every call that repeats what the agent already has (credentials in use, the pairing already
 * running) changes nothing.
 */
public interface IceTransportControl {

    /**
     * Sets the agent's role. Called when the first offer is applied: controlling for a local
     * offer; for a remote offer controlled, or controlling if the remote agent is lite (W3C
     * {@code [[IceRole]]}, RFC 8445 §6.1.1). Later offers, restarts included, never change it
     * (RFC 8445 §9); it is set again only if that first offer was rolled back before any answer.
     * The agent may still switch roles itself on a role conflict (RFC 8445 §7.3.1.1).
     */
    void setRole(IceRole role);

    /**
     * A local description with these credentials was applied. Credentials the agent does not have
     * start a new local generation: gather its candidates, reporting the gathering state, each
     * candidate ({@link IceTransportObserver#onLocalCandidate}, with this ufrag) and the end of
     * that generation's gathering ({@link IceTransportObserver#onEndOfLocalCandidates}). A newer
     * unpaired generation replaces an older unpaired one.
     */
    void setLocalCredentials(IceCredentials credentials);

    /**
     * A remote description with these credentials was applied. New credentials (either ufrag or
     * pwd differs) announce a new remote generation; it is not checked until paired.
     *
     * @param remoteLite the remote agent is lite ({@code a=ice-lite}, RFC 8445 §2.5)
     */
    void setRemoteCredentials(IceCredentials credentials, boolean remoteLite);

    /**
     * A remote candidate for the generation its {@code usernameFragment} names (never null here:
     * the peer connection resolves a missing one to the most recent generation, W3C
     * addIceCandidate). The generation was announced by {@link #setRemoteCredentials}, possibly
     * one older than the newest (a late trickled candidate of the previous generation).
     */
    void addRemoteCandidate(IceCandidate candidate);

    /**
     * The remote side signalled end-of-candidates for generation {@code usernameFragment}: no more
     * remote candidates will come for it (RFC 8838 §14), so its check list may be declared failed
     * or completed once everything is checked (W3C RTCIceTransportState "failed", "completed").
     */
    void addRemoteEndOfCandidates(String usernameFragment);

    /**
     * An answer or pranswer was applied, pairing these generations: run connectivity checks
     * between them (RFC 8445 §6.1.4). If another pairing was running, this is an ICE restart
     * (RFC 8445 §9): report the transport state {@link IceTransportState#afterRestart()} gives,
     * check the new generations, and keep sending data on the previously selected pair until the
     * new pairing selects one (RFC 8445 §12.1); the old pairing is dropped then.
     */
    void startChecks(IceCredentials local, IceCredentials remote);

    /**
     * The pending offer was rolled back: discard the local or remote generation that offer
     * announced and that was never paired, with its candidates and gathering. Paired generations
     * are untouched.
     */
    void rollback();

    /**
     * The peer connection closed: end all ICE processing at once and release what it holds (TURN
     * allocations, permissions); no more callbacks (W3C close: "destroy the ICE Agent").
     */
    void close();
}
