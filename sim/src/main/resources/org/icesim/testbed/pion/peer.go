package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/pion/ice/v2"
	"github.com/pion/interceptor"
	"github.com/pion/webrtc/v3"
	"github.com/pion/webrtc/v3/pkg/media"
)

// audioFrame is the packet interval of the generated audio (Opus' usual 20 ms frames).
const audioFrame = 20 * time.Millisecond

// descriptionBody is a signaling message carrying a description (testbed protocol).
type descriptionBody struct {
	Description *webrtc.SessionDescription `json:"description"`
}

type candidateJSON struct {
	Candidate        string  `json:"candidate"`
	SDPMid           *string `json:"sdpMid"`
	SDPMLineIndex    *uint16 `json:"sdpMLineIndex"`
	UsernameFragment *string `json:"usernameFragment"`
}

// peer is the application around one pion PeerConnection. Every decision (negotiation,
// restart, signaling input, commands) runs as an operation on one loop goroutine, so the
// perfect-negotiation state needs no locks; pion's callbacks only stamp events and queue
// operations.
type peer struct {
	cfg    *config
	events *eventLog
	sig    *signalingClient
	pc     *webrtc.PeerConnection
	ops    chan func()

	// Loop-owned state.
	ignoreOffer       bool
	restartPending    bool
	restartFromUfrag  string
	remoteUfrag       string
	pendingCandidates []*candidateJSON
	trackAdded        bool
	watched           map[string]string // "ice"/"connection" -> last state seen
	disconnectedGen   int
	closed            bool

	ufragMu    sync.Mutex
	localUfrag string
}

func newPeer(cfg *config, events *eventLog) (*peer, error) {
	p := &peer{cfg: cfg, events: events, ops: make(chan func(), 4096), watched: map[string]string{}}
	p.sig = newSignalingClient(cfg, events, func(from string, body json.RawMessage) {
		p.post(func() { p.onSignal(from, body) })
	})

	settings := webrtc.SettingEngine{}
	// Host candidates as addresses, as the browsers are configured in the testbed.
	settings.SetICEMulticastDNSMode(ice.MulticastDNSModeDisabled)
	mediaEngine := &webrtc.MediaEngine{}
	if err := mediaEngine.RegisterDefaultCodecs(); err != nil {
		return nil, err
	}
	interceptors := &interceptor.Registry{}
	if err := webrtc.RegisterDefaultInterceptors(mediaEngine, interceptors); err != nil {
		return nil, err
	}
	api := webrtc.NewAPI(webrtc.WithSettingEngine(settings), webrtc.WithMediaEngine(mediaEngine),
		webrtc.WithInterceptorRegistry(interceptors))

	pcConfig := webrtc.Configuration{ICETransportPolicy: webrtc.ICETransportPolicyAll}
	if cfg.ICETransportPolicy == "relay" {
		pcConfig.ICETransportPolicy = webrtc.ICETransportPolicyRelay
	}
	for _, s := range cfg.ICEServers {
		server := webrtc.ICEServer{URLs: s.URLs, Username: s.Username}
		if s.Credential != "" {
			server.Credential = s.Credential
			server.CredentialType = webrtc.ICECredentialTypePassword
		}
		pcConfig.ICEServers = append(pcConfig.ICEServers, server)
	}
	pc, err := api.NewPeerConnection(pcConfig)
	if err != nil {
		return nil, err
	}
	p.pc = pc
	p.installHandlers()
	return p, nil
}

func (p *peer) post(op func()) {
	p.ops <- op
}

// run executes operations until the peer is closed.
func (p *peer) run() {
	for op := range p.ops {
		op()
		if p.closed {
			return
		}
	}
}

func (p *peer) installHandlers() {
	p.pc.OnSignalingStateChange(func(s webrtc.SignalingState) {
		p.events.emit("signaling-state", s.String())
		p.post(p.maybeRestart)
	})
	p.pc.OnICEGatheringStateChange(func(s webrtc.ICEGathererState) {
		p.events.emit("ice-gathering-state", s.String())
	})
	p.pc.OnICECandidate(func(c *webrtc.ICECandidate) {
		if c != nil {
			p.events.emit("candidate", fmt.Sprintf("local %s %s:%d", c.Typ, c.Address, c.Port))
		}
		p.post(func() { p.sendCandidate(c) })
	})
	p.pc.OnICEConnectionStateChange(func(s webrtc.ICEConnectionState) {
		p.events.emit("ice-connection-state", s.String())
		p.post(func() { p.onState("ice", s.String()) })
	})
	p.pc.OnConnectionStateChange(func(s webrtc.PeerConnectionState) {
		p.events.emit("connection-state", s.String())
		p.post(func() { p.onState("connection", s.String()) })
	})
	p.pc.OnNegotiationNeeded(func() {
		p.post(func() { p.negotiate(false) })
	})
	p.pc.OnTrack(func(track *webrtc.TrackRemote, _ *webrtc.RTPReceiver) {
		go p.receive(track)
	})
	// pion creates one ICE transport per PeerConnection, reachable through the DTLS transport
	// that the SCTP transport (always present) rides on.
	p.pc.SCTP().Transport().ICETransport().OnSelectedCandidatePairChange(func(pair *webrtc.ICECandidatePair) {
		p.events.emit("selected-pair", fmt.Sprintf("%s/%s ufrag=%s local=%s:%d remote=%s:%d",
			pair.Local.Typ, pair.Remote.Typ, p.currentLocalUfrag(),
			pair.Local.Address, pair.Local.Port, pair.Remote.Address, pair.Remote.Port))
	})
}

// receive counts the remote audio track's RTP packets, one media-rx event per packet at its
// arrival instant.
func (p *peer) receive(track *webrtc.TrackRemote) {
	buf := make([]byte, 1500)
	var packets int64
	for {
		if _, _, err := track.Read(buf); err != nil {
			return
		}
		packets++
		p.events.emit("media-rx", fmt.Sprintf("packets=%d", packets))
	}
}

// addTrack adds the local audio track (the caller at callAtMs, the callee when the first offer
// arrives), writes a 20 ms frame of generated payload every 20 ms and drains the sender's RTCP.
func (p *peer) addTrack() {
	if p.trackAdded {
		return
	}
	p.trackAdded = true
	track, err := webrtc.NewTrackLocalStaticSample(
		webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2}, "audio", p.cfg.Peer)
	if err != nil {
		p.events.emit("error", "audio track: "+err.Error())
		return
	}
	sender, err := p.pc.AddTrack(track)
	if err != nil {
		p.events.emit("error", "add track: "+err.Error())
		return
	}
	go func() {
		for {
			if _, _, err := sender.ReadRTCP(); err != nil {
				return
			}
		}
	}()
	go func() {
		payload := make([]byte, 80)
		ticker := time.NewTicker(audioFrame)
		defer ticker.Stop()
		for n := 0; ; n++ {
			<-ticker.C
			for i := range payload {
				payload[i] = byte(n + i)
			}
			if err := track.WriteSample(media.Sample{Data: payload, Duration: audioFrame}); err != nil {
				return
			}
		}
	}()
}

// negotiate makes and sends an offer (an ICE-restart offer if restart) when the signaling state
// is stable. Operations run one at a time, so W3C perfect negotiation's makingOffer is never
// observed true by another operation and is not kept.
func (p *peer) negotiate(restart bool) {
	if p.closed || p.pc.SignalingState() != webrtc.SignalingStateStable {
		return
	}
	if p.setAndSend(p.pc.CreateOffer(&webrtc.OfferOptions{ICERestart: restart})) {
		p.events.emit("offer-sent", "ufrag="+p.currentLocalUfrag())
	}
}

// setAndSend applies a description just created (CreateOffer or CreateAnswer) as the local one
// and hands it to signaling; false (after an error event) if either step failed.
func (p *peer) setAndSend(desc webrtc.SessionDescription, created error) bool {
	if created != nil {
		p.events.emit("error", "create description: "+created.Error())
		return false
	}
	p.setLocalUfrag(desc.SDP)
	if err := p.pc.SetLocalDescription(desc); err != nil {
		p.events.emit("error", "set local "+desc.Type.String()+": "+err.Error())
		return false
	}
	p.sig.send(descriptionBody{Description: p.pc.LocalDescription()})
	return true
}

func (p *peer) onSignal(from string, raw json.RawMessage) {
	if p.closed || from != p.cfg.Remote {
		return
	}
	// Keys are read one by one: a JSON null candidate (end-of-candidates) must stay apart from
	// a message without a candidate.
	var body map[string]json.RawMessage
	if err := json.Unmarshal(raw, &body); err != nil {
		p.events.logf("unreadable signaling message: %v", err)
		return
	}
	if text, ok := body["description"]; ok {
		var desc webrtc.SessionDescription
		if err := json.Unmarshal(text, &desc); err != nil {
			p.events.logf("unreadable description: %v", err)
			return
		}
		p.onDescription(desc)
	} else if text, ok := body["candidate"]; ok {
		var c *candidateJSON
		if err := json.Unmarshal(text, &c); err != nil {
			p.events.logf("unreadable candidate: %v", err)
			return
		}
		p.onCandidate(c)
	}
}

// onDescription is the W3C perfect negotiation pattern.
func (p *peer) onDescription(desc webrtc.SessionDescription) {
	collision := desc.Type == webrtc.SDPTypeOffer && p.pc.SignalingState() != webrtc.SignalingStateStable
	p.ignoreOffer = !p.cfg.Polite && collision
	if p.ignoreOffer {
		p.events.logf("glare: ignoring the remote offer (impolite)")
		return
	}
	if collision && !p.leaveLocalOffer(desc) {
		return
	}
	if err := p.pc.SetRemoteDescription(desc); err != nil {
		p.events.emit("error", "set remote "+desc.Type.String()+": "+err.Error())
		return
	}
	p.remoteUfrag = ufragOf(desc.SDP)
	if desc.Type == webrtc.SDPTypeAnswer {
		p.events.emit("answer-applied", "ufrag="+p.currentLocalUfrag())
	}
	pending := p.pendingCandidates
	p.pendingCandidates = nil
	for _, c := range pending {
		if c == nil || c.UsernameFragment == nil || *c.UsernameFragment == "" || *c.UsernameFragment == p.remoteUfrag {
			p.onCandidate(c)
		} else {
			p.events.logf("dropped a candidate of remote ufrag %s (current %s)", *c.UsernameFragment, p.remoteUfrag)
		}
	}
	if desc.Type == webrtc.SDPTypeOffer {
		p.addTrack()
		if !p.setAndSend(p.pc.CreateAnswer(nil)) {
			return
		}
	}
	p.maybeRestart()
}

// leaveLocalOffer takes the polite peer from have-local-offer back to stable so that it can take
// the colliding remote offer. pion 3.1 cannot roll back: checkNextSignalingState
// (signalingstate.go) allows no rollback transition out of have-local-offer. So the remote
// offer's text is applied as the answer to the local offer first; the remote credentials it
// carries are then already in place, and the same text applied as the offer next is answered
// with the local credentials of the abandoned offer (an ICE restart offer had already restarted
// the local agent when it was created).
func (p *peer) leaveLocalOffer(remoteOffer webrtc.SessionDescription) bool {
	if p.pc.CurrentRemoteDescription() == nil {
		p.events.emit("error", "glare on the first negotiation: pion 3.1 cannot roll back")
		return false
	}
	stand := webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: remoteOffer.SDP}
	if err := p.pc.SetRemoteDescription(stand); err != nil {
		p.events.emit("error", "leaving have-local-offer: "+err.Error())
		return false
	}
	p.events.logf("glare: left the local offer with the remote offer as its answer (polite; pion 3.1 has no rollback)")
	return true
}

// onCandidate adds a trickled remote candidate of the current remote generation. A candidate of
// another generation waits for the next remote description: it is added if that description
// has its usernameFragment and dropped otherwise (an older generation, as browsers drop them).
// That covers candidates that overtake their description, as after a glare whose remote offer
// the impolite peer ignored.
func (p *peer) onCandidate(c *candidateJSON) {
	if p.pc.RemoteDescription() == nil || (c != nil && c.UsernameFragment != nil && *c.UsernameFragment != "" &&
		*c.UsernameFragment != p.remoteUfrag) {
		p.pendingCandidates = append(p.pendingCandidates, c)
		return
	}
	init := webrtc.ICECandidateInit{} // end-of-candidates when c is nil
	if c != nil {
		init = webrtc.ICECandidateInit{Candidate: c.Candidate, SDPMid: c.SDPMid, SDPMLineIndex: c.SDPMLineIndex,
			UsernameFragment: c.UsernameFragment}
		if typ, addr, ok := candidateTypeAndAddress(c.Candidate); ok {
			p.events.emit("candidate", "remote "+typ+" "+addr)
		}
	}
	if err := p.pc.AddICECandidate(init); err != nil && !p.ignoreOffer {
		p.events.logf("add remote candidate: %v", err)
	}
}

// sendCandidate trickles a local candidate, or end-of-candidates (nil) for the generation.
func (p *peer) sendCandidate(c *webrtc.ICECandidate) {
	if p.closed {
		return
	}
	ufrag := p.currentLocalUfrag()
	if c == nil {
		p.events.emit("gathering-complete", "ufrag="+ufrag)
		p.sig.send(map[string]interface{}{"candidate": nil})
		return
	}
	mid := "0"
	if transceivers := p.pc.GetTransceivers(); len(transceivers) > 0 && transceivers[0].Mid() != "" {
		mid = transceivers[0].Mid()
	}
	p.sig.send(map[string]interface{}{"candidate": map[string]interface{}{
		"candidate": c.ToJSON().Candidate, "sdpMid": mid, "sdpMLineIndex": 0, "usernameFragment": ufrag,
	}})
}

// requestRestart is the application's restartIce(): it remembers the local credentials to
// replace (W3C [[LocalIceCredentialsToReplace]]) and offers a restart once signaling is stable.
func (p *peer) requestRestart(reason string) {
	if p.closed {
		return
	}
	p.events.emit("restart-ice", "reason="+reason)
	p.restartPending = true
	p.restartFromUfrag = p.currentLocalUfrag()
	p.maybeRestart()
}

func (p *peer) maybeRestart() {
	if !p.restartPending || p.closed {
		return
	}
	if p.currentLocalUfrag() != p.restartFromUfrag {
		// Answering the remote peer's restart already replaced the credentials.
		p.restartPending = false
		return
	}
	if p.pc.SignalingState() != webrtc.SignalingStateStable || p.pc.RemoteDescription() == nil {
		return
	}
	p.restartPending = false
	p.negotiate(true)
}

// onState applies the restart policy to a state change of the watched state ("ice" for
// iceConnectionState, "connection" for connectionState), as icesim's RestartController does.
func (p *peer) onState(watch, state string) {
	previous := p.watched[watch]
	p.watched[watch] = state
	policy := p.cfg.Policy
	if policy.Watch != watch {
		return
	}
	switch policy.Kind {
	case "on-failed":
		if state == "failed" && previous != "failed" {
			p.requestRestart("on-failed")
		}
	case "on-disconnected":
		switch {
		case state == "failed" && previous != "failed":
			p.disconnectedGen++
			p.requestRestart("on-failed")
		case state == "disconnected" && previous != "disconnected":
			p.disconnectedGen++
			gen := p.disconnectedGen
			time.AfterFunc(time.Duration(policy.AfterMs)*time.Millisecond, func() {
				p.post(func() {
					if gen == p.disconnectedGen && p.watched[watch] == "disconnected" {
						p.requestRestart(fmt.Sprintf("on-disconnected(%dms)", policy.AfterMs))
					}
				})
			})
		case state != "disconnected":
			p.disconnectedGen++
		}
	}
}

// networkChanged is the operating system's network-change notification: the signaling
// connections start afresh, and the on-network-change policy restarts ICE.
func (p *peer) networkChanged() {
	p.sig.networkChanged()
	if p.cfg.Policy.Kind == "on-network-change" {
		p.requestRestart("on-network-change")
	} else {
		p.events.logf("network change ignored by policy %s", p.cfg.Policy.Kind)
	}
}

func (p *peer) close() {
	if p.closed {
		return
	}
	p.sig.close()
	if err := p.pc.Close(); err != nil {
		p.events.logf("close: %v", err)
	}
	p.closed = true
}

func (p *peer) setLocalUfrag(sdp string) {
	p.ufragMu.Lock()
	defer p.ufragMu.Unlock()
	p.localUfrag = ufragOf(sdp)
}

func (p *peer) currentLocalUfrag() string {
	p.ufragMu.Lock()
	defer p.ufragMu.Unlock()
	return p.localUfrag
}

// ufragOf reads the first a=ice-ufrag line of an SDP (one bundled transport).
func ufragOf(sdp string) string {
	for _, line := range strings.Split(sdp, "\n") {
		if v := strings.TrimPrefix(strings.TrimSpace(line), "a=ice-ufrag:"); v != strings.TrimSpace(line) {
			return v
		}
	}
	return ""
}

// candidateTypeAndAddress reads "candidate:<foundation> <component> <transport> <priority>
// <address> <port> typ <type> ..." (RFC 8839 section 5.1).
func candidateTypeAndAddress(candidate string) (string, string, bool) {
	f := strings.Fields(strings.TrimPrefix(candidate, "candidate:"))
	if len(f) < 8 || f[6] != "typ" {
		return "", "", false
	}
	return f[7], f[4] + ":" + f[5], true
}
