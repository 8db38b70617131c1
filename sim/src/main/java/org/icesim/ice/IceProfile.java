package org.icesim.ice;

import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.icesim.kernel.Durations;
import org.icesim.stun.StunTransactionConfig;
import org.icesim.stun.StunTransactionConfig.Backoff;

/**
 * Every constant in which ICE implementations differ, as one value: the RFCs, plus named
 * differences. {@link Builder} starts from the RFC value of every attribute (each citing its
 * section); {@link #LIBWEBRTC}, {@link #FIREFOX} and {@link #PION} name only what their stack
 * does differently, each difference citing the stack's source file and function or constant.
 * Durations are nanoseconds of simulated time (every {@code long} component is a duration); a
 * duration of 0 switches the behaviour off where the component says so. A scenario may override
 * any attribute by name ({@link #with(String, String)}); durations are read in the project's one
 * grammar ({@link Durations#parse(String)}).
 *
 * @param name                         preset name, for reports
 * @param checkInterval                Ta: one ordinary or triggered check per interval (RFC 8445 §6.1.4.2, §14.2); at least 5 ms
 * @param checkMode                    how unanswered checks are repeated
 * @param checkRtoFloor                least check RTO in {@link CheckMode#RETRANSMIT} mode (RFC 8445 §14.3)
 * @param checkTransmissions           Rc: sends per check transaction in {@link CheckMode#RETRANSMIT} mode (RFC 8489 §6.2.1)
 * @param finalWaitFactor              Rm: the last send waits Rm × RTO for an answer (RFC 8489 §6.2.1)
 * @param checkBackoff                 how the interval between two sends of one check grows in {@link CheckMode#RETRANSMIT}
 *                                     mode, and whether the last wait adds the interval before it to Rm × RTO
 * @param pingAllPairsEachTick         in {@link CheckMode#REPEATED_PINGS} mode, ping every unfinished pair at each tick instead of one
 * @param maxUnansweredPings           in {@link CheckMode#REPEATED_PINGS} mode, a pair fails after this many unanswered pings (0: no limit)
 * @param inactiveTimeout              a pair whose oldest unanswered ping is this old fails (0: never; {@link CheckMode#REPEATED_PINGS} and {@link Liveness#PINGS})
 * @param maxPairs                     check-list size limit (RFC 8445 §6.1.2.5)
 * @param hostTypePreference           type preference of host candidates (RFC 8445 §5.1.2.2)
 * @param prflxTypePreference          type preference of peer-reflexive candidates
 * @param srflxTypePreference          type preference of server-reflexive candidates
 * @param relayTypePreference          type preference of relayed candidates
 * @param nominationSettleTime         regular nomination: the controlling agent nominates the best valid pair once no better pair is
 *                                     still being checked, or this long after the first valid pair, whichever comes first
 * @param aggressiveNomination         the controlling agent puts USE-CANDIDATE on every check, so the first pair to succeed is
 *                                     nominated at once and a higher-priority one succeeding later replaces it (RFC 5245 §8.1.1.2;
 *                                     RFC 8445 dropped it); {@code nominationSettleTime} and the acceptance waits then do not apply
 * @param hostAcceptanceWait           the best valid pair is nominated only once the waits of both its candidates' types have passed,
 *                                     counted from the start of checks, or of a restart from the restart itself: this long for host
 * @param srflxAcceptanceWait          ... for server-reflexive
 * @param prflxAcceptanceWait          ... for peer-reflexive
 * @param relayAcceptanceWait          ... for relayed
 * @param freeCandidatesDelay          after completion, non-selected candidates answer checks for this long (RFC 8445 §8.3.1)
 * @param keepPreviousGenerationDuringRestart the previous generation keeps its candidates, answers checks and its selected pair carries
 *                                     data until the restart's check list selects a pair (RFC 8445 §9, §12.1); false: a restart
 *                                     closes the previous generation at once: its pair, its candidates and their sockets and
 *                                     allocations are gone, so nothing is sent, answered or received on them
 * @param sendsBeforeSelection         with no pair selected, data leaves on the best valid pair, once a pair was ever selected (the
 *                                     security handshake runs from the first selection); false: data only on the selected pair
 *                                     (RFC 8445 §12.1)
 * @param backupPairs                  after selection the other pairs keep being checked and pinged (those on the selected pair's
 *                                     network that are not better are pruned while it is strong), and the controlling agent
 *                                     nominates the best writable one when it beats the selected pair or the selected pair turns
 *                                     unwritable (libwebrtc; RFC 8445 §8.1.1 allows one nomination per session)
 * @param semiAggressiveNomination     with {@code backupPairs}: the controlling agent puts USE-CANDIDATE on every check while
 *                                     no writable pair is selected (and on checks of pairs better than the selected one), so the
 *                                     first answered check selects; the controlled agent selects its first writable pair itself,
 *                                     ahead of a nomination (libwebrtc NominationMode::SEMI_AGGRESSIVE)
 * @param backupPingInterval           with {@code backupPairs}: ping interval of writable, unpruned non-selected pairs while the
 *                                     selected pair is strong
 * @param continualGathering           the gatherer keeps gathering as networks change (read by the gatherer, not by the agent)
 * @param networkMonitor               whether the stack learns that an interface vanished or appeared ({@link NetworkMonitor}; read
 *                                     by the gatherer, not by the agent); {@code continualGathering} needs {@link NetworkMonitor#ANNOUNCED}
 * @param reportsCompleted             the transport reports "completed" when checking is over (libwebrtc never does)
 * @param liveness                     how "disconnected" and "failed" are decided after selection
 * @param keepaliveInterval            Tr: a keepalive is sent on the selected pair when nothing was sent for this long (RFC 8445 §11)
 * @param consentInterval              base interval of consent checks (RFC 7675 §5.1); 0: no consent checks
 * @param consentJitterPercent         each consent interval is drawn uniformly within ± this percentage of the base
 * @param consentMinInterval           consent checks are never closer than this (RFC 7675 §5.1)
 * @param consentExpiry                consent is lost this long after the last successful consent check (RFC 7675 §5.1)
 * @param stablePingInterval           {@link Liveness#PINGS}: ping interval of a selected pair that is stable (its RTT estimate
 *                                     converged, no answer overdue) while the channel is strong
 * @param stabilizingPingInterval      {@link Liveness#PINGS}: ping interval of a writable selected pair that is not yet stable
 * @param weakPingsFirst               {@link Liveness#PINGS}: a pair's first pings, this many, go at the weak interval
 * @param weakPingInterval             {@link Liveness#PINGS}: a pair's first pings are this far apart, and the agent's pings (of
 *                                     all pairs together) while the channel is weak
 * @param receivingTimeout             {@link Liveness#PINGS}: a pair is not receiving when nothing arrived for this long
 * @param strongPingInterval           {@link Liveness#PINGS}: while the channel is strong and every pair has had its first pings,
 *                                     the agent's pings (of all pairs together) are at least this far apart; the weak ping
 *                                     interval otherwise
 * @param strongCheckInterval          {@link Liveness#PINGS}: the agent's check loop, which sends every ping (at most one per run)
 *                                     and re-evaluates the selected pair, runs again after the shorter of this and the
 *                                     current ping spacing, so a ping or a state change falls on a run of the loop, not at
 *                                     the instant its own interval ends
 * @param timerAlignment               {@link Liveness#PINGS}: the stack's delayed tasks run at the first tick of a fixed grid
 *                                     of this period after their delay has passed (0: at the end of the delay)
 * @param unwritableMinChecks          {@link Liveness#PINGS}: unanswered pings needed before a pair turns unwritable
 * @param unwritableTimeout            {@link Liveness#PINGS}: age the first unanswered ping needs before a pair turns unwritable
 * @param deadConnectionTimeout        {@link Liveness#PINGS}: a pair is destroyed once nothing arrived on it for this long and its
 *                                     oldest unanswered ping, if any, is this old; until then a timed-out pair is still pinged
 *                                     while the channel is weak and revives if answered (0: never)
 * @param disconnectedTimeout          {@link Liveness#LAST_PACKET}: "disconnected" after this long without a packet from the selected pair
 * @param failedTimeout                {@link Liveness#LAST_PACKET}: "failed" this long after "disconnected"
 * @param pacTimeout                   RFC 8863 PAC: "failed" is not declared before this long after checking began (0: no PAC;
 *                                     must be 0 with {@link Liveness#PINGS}, whose "failed" is libwebrtc's)
 * @param trickleGracePeriod           "failed" waits this long after the last pair failed, for trickled candidates (0: none;
 *                                     must be 0 with {@link Liveness#PINGS})
 * @param failedRequiresEndOfCandidates "failed" needs local gathering complete and the peer's end-of-candidates (RFC 8838; W3C;
 *                                     must be false with {@link Liveness#PINGS})
 * @param pageSeesIceFailed            the page's {@code iceConnectionState} (and {@code RTCIceTransport.state}) show "failed" when
 *                                     the transport fails (W3C); false: they show "disconnected" instead, while
 *                                     {@code connectionState} still shows "failed" (Chromium; read by the peer connection, not by
 *                                     the agent)
 * @param w3cConnectionState           the page's {@code connectionState} follows the W3C table; false: pion's shorter rule, in
 *                                     which it is "connecting" only while ICE checks with DTLS connecting, "connected" only with
 *                                     both connected, and "new" otherwise (read by the peer connection, not by the agent)
 * @param relayGatheringDelay          allocations on TURN servers start this long after the host and server-reflexive
 *                                     candidates of the same interface (0: all at once, RFC 8445 §5.1.1; read by the
 *                                     gatherer, not by the agent)
 * @param srflxTransactions            retransmission of the Binding requests to STUN servers that gather server-reflexive
 *                                     candidates (read by the gatherer, not by the agent)
 * @param turnTransactions             retransmission of the TURN client's requests: Allocate, Refresh, CreatePermission,
 *                                     ChannelBind (read by the gatherer, not by the agent)
 * @param checkRtoCountsChecks         in {@link CheckMode#RETRANSMIT} mode the check RTO is
 *                                     {@code Ta × N × (Waiting + In-Progress)}, N being the checks to perform (every pair of
 *                                     the check list) (RFC 8445 §14.3); false: {@code Ta × (Waiting + In-Progress)}
 * @param srflxKeepaliveInterval       a Binding request to the STUN server this long after the last one was answered (or
 *                                     gave up) keeps a server-reflexive candidate's binding alive (RFC 8445 §5.1.1.4), for as
 *                                     long as its socket is open; 0: none (read by the gatherer, not by the agent)
 * @param sendErrorDisconnects         data the host refuses to send on the selected pair (its local address vanished with its
 *                                     interface) makes the transport "disconnected" at once, until a consent check is answered
 *                                     again; false: a refused send is only counted (RFC 7675 decides by consent alone; needs
 *                                     {@link Liveness#CONSENT})
 */
public record IceProfile(
        String name,
        long checkInterval,
        CheckMode checkMode,
        long checkRtoFloor,
        int checkTransmissions,
        int finalWaitFactor,
        Backoff checkBackoff,
        boolean pingAllPairsEachTick,
        int maxUnansweredPings,
        long inactiveTimeout,
        int maxPairs,
        int hostTypePreference,
        int prflxTypePreference,
        int srflxTypePreference,
        int relayTypePreference,
        long nominationSettleTime,
        boolean aggressiveNomination,
        long hostAcceptanceWait,
        long srflxAcceptanceWait,
        long prflxAcceptanceWait,
        long relayAcceptanceWait,
        long freeCandidatesDelay,
        boolean keepPreviousGenerationDuringRestart,
        boolean sendsBeforeSelection,
        boolean backupPairs,
        boolean semiAggressiveNomination,
        long backupPingInterval,
        boolean continualGathering,
        NetworkMonitor networkMonitor,
        boolean reportsCompleted,
        Liveness liveness,
        long keepaliveInterval,
        long consentInterval,
        int consentJitterPercent,
        long consentMinInterval,
        long consentExpiry,
        long stablePingInterval,
        long stabilizingPingInterval,
        int weakPingsFirst,
        long weakPingInterval,
        long receivingTimeout,
        long strongPingInterval,
        long strongCheckInterval,
        long timerAlignment,
        int unwritableMinChecks,
        long unwritableTimeout,
        long deadConnectionTimeout,
        long disconnectedTimeout,
        long failedTimeout,
        long pacTimeout,
        long trickleGracePeriod,
        boolean failedRequiresEndOfCandidates,
        boolean pageSeesIceFailed,
        boolean w3cConnectionState,
        long relayGatheringDelay,
        ServerTransactions srflxTransactions,
        ServerTransactions turnTransactions,
        boolean checkRtoCountsChecks,
        long srflxKeepaliveInterval,
        boolean sendErrorDisconnects) {

    /** RFC 8445 §14.2: all transactions of a host together no more often than one per 5 ms. */
    public static final long MIN_CHECK_INTERVAL = millis(5);
    private static final long DAY = seconds(86_400);

    /** RFC 8445 with RFC 7675 consent, RFC 8838 trickle and RFC 8863 PAC, at the RFCs' defaults. */
    public static final IceProfile RFC = new Builder("rfc").build();

    /** libwebrtc (p2p_constants.h, connection.cc, basic_ice_controller.cc, p2p_transport_channel.cc). */
    public static final IceProfile LIBWEBRTC = RFC.differing("libwebrtc")
            // the channel is weak until a pair is selected: one ping per kWeakPingInterval 48 ms (p2p_constants.h)
            .checkInterval(millis(48))
            // pings are not retransmitted; each is a new request (connection.cc Connection::Ping)
            .checkMode(CheckMode.REPEATED_PINGS)
            .checkTransmissions(1)
            // a connection that has not been answered for CONNECTION_WRITE_TIMEOUT 15 s times out (connection.cc)
            .inactiveTimeout(seconds(15))
            // IcePriorityValue: relay over UDP 3 (p2p_constants.h)
            .relayTypePreference(TypePreferences.LIBWEBRTC.relayed())
            // semi-aggressive: the selected connection is nominated at once (NominationMode::SEMI_AGGRESSIVE)
            .nominationSettleTime(0)
            // other connections stay pinged; the best writable one takes over (basic_ice_controller.cc)
            .backupPairs(true)
            // USE-CANDIDATE on every check while nothing writable is selected; both sides select the first
            // writable connection (basic_ice_controller.cc GetUseCandidateAttr SEMI_AGGRESSIVE,
            // ShouldSwitchConnection, CompareConnections; ice_transport_internal.h default_nomination_mode)
            .semiAggressiveNomination(true)
            // desktop Chromium gathers once and ICE never acts on a vanished network: the port allocator only prunes
            // its ports (basic_port_allocator.cc BasicPortAllocatorSession::OnNetworksChanged, PrunePortsAndRemoveCandidates),
            // the channel sets them aside without touching their connections (p2p_transport_channel.cc OnPortsPruned,
            // PrunePort; Port::Prune destroys a port only once it has no connection), and the removal is not signalled
            // without continual gathering (OnCandidatesRemoved); the connections time out by their pings (measured on
            // Chromium 156: disconnected 5.2-6.7 s after the removal, results/baselines/real/chromium-156.0.0.0 and
            // results/baselines/real-first-runs/chromium-156.0.0.0-one-request-at-a-time, handover cases).
            // A media send the socket refuses only counts a discarded packet (connection.cc ProxyConnection::Send), so
            // sendErrorDisconnects stays false
            .networkMonitor(NetworkMonitor.SILENT)
            // completed is never reported (p2p_transport_channel.cc ComputeIceTransportState)
            .reportsCompleted(false)
            // liveness by the connections' own pings (connection.cc UpdateState)
            .liveness(Liveness.PINGS)
            // the selected-pair pings are the consent checks
            .consentInterval(0)
            // failed as soon as no connection is active (p2p_transport_channel.cc ComputeIceTransportState)
            .pacTimeout(0)
            .failedRequiresEndOfCandidates(false)
            // Chromium's page never sees iceConnectionState "failed": Blink shows the transport's failed as
            // disconnected (rtc_ice_transport.cc RTCIceTransport::OnStateChanged, crbug.com/957487) and derives
            // iceConnectionState from its RTCIceTransports (rtc_peer_connection.cc ComputeIceConnectionState),
            // while connectionState comes unchanged from libwebrtc (jsep_transport_controller.cc
            // UpdateAggregateStates: any transport failed -> kFailed). Measured on Chromium 156: no
            // iceConnectionState failed in a 32 s cut, connectionState failed 15.5-16.7 s after it
            // (results/baselines/real/chromium-156.0.0.0 and real-first-runs/chromium-156.0.0.0-one-request-at-a-time,
            // fidelity-cut-32s-never)
            .pageSeesIceFailed(false)
            // gathering runs in phases, UDP (host and srflx), then relay, then TCP, one step apart
            // (basic_port_allocator.cc AllocationSequence, PHASE_UDP/PHASE_RELAY/PHASE_TCP), and the peer
            // connection sets the step to kMinimumStepDelay 50 ms (port_allocator.h; peer_connection.cc
            // InitializePortAllocator_n set_step_delay). Measured on Chromium 156 (restart-healthy, 80 ms
            // RTT, 20 ms to the servers): the relayed candidate 146-178 ms after gathering began, 50 ms plus
            // the two TURN round trips and 16 ms; the TCP host candidate after 113 ms
            .relayGatheringDelay(millis(50))
            // UDPPort's StunBindingRequest and TurnPort's requests all run on a StunRequestManager
            // (stun_port.cc, turn_port.cc; stun_request.cc STUN_INITIAL_RTO, STUN_MAX_RETRANSMISSIONS, STUN_MAX_RTO)
            .srflxTransactions(ServerTransactions.LIBWEBRTC)
            .turnTransactions(ServerTransactions.LIBWEBRTC)
            // UDPPort re-sends its StunBindingRequest KEEPALIVE_DELAY 10 s after each answer or failure, for the
            // port's life on networks that are not high-cost (stun_port.cc StunBindingRequest::OnResponse, OnTimeout)
            .srflxKeepaliveInterval(seconds(10))
            // Chromium runs WebRTC's low-precision delayed tasks, the check loop among them, on a metronome: at the
            // first tick of a 64 Hz grid (15.625 ms) after the delay (third_party/webrtc_overrides
            // timer_based_tick_provider.h kDefaultPeriod, metronome_source.cc). Measured on Chromium 156 (packet
            // captures of fidelity-cut-12s-never at the 200 ms round trip): loop runs 62.5 ms apart while weak
            // (48 ms -> 4 ticks) and 265.6 ms while strong (250 ms -> 17 ticks), so a stable pair is pinged every
            // 2.656 s and a stabilizing one every 1.0625 s
            .timerAlignment(15_625_000L)
            .build();

    /** Firefox (nICEr and its prefs). */
    public static final IceProfile FIREFOX = RFC.differing("firefox")
            // Ta 20 ms (nICEr ice_ctx.c, media.peerconnection.ice Ta pref)
            .checkInterval(millis(20))
            // check RTO MAX(100 ms, Ta x waiting pairs) (nICEr ice_candidate_pair.c nr_ice_candidate_pair_create)
            .checkRtoFloor(millis(100))
            .checkRtoCountsChecks(false)
            // each check is an nr_stun_client_ctx (ice_candidate_pair.c nr_ice_candidate_pair_create): its sends double
            // the interval, and the last waits the interval before it plus 16 x RTO (stun_client_ctx.c
            // nr_stun_client_send_request): sends at 0, 1, 3, 7, 15, 31, 63 x RTO, the pair failing at 111 x RTO
            .checkBackoff(Backoff.DOUBLE_EXTENDED_FINAL)
            // NrIceCtx::Initialize creates the context with NR_ICE_CTX_FLAGS_AGGRESSIVE_NOMINATION (nricectx.cpp):
            // every controlling check carries USE-CANDIDATE (ice_candidate_pair.c nr_ice_candidate_pair_restart), the
            // first pair to succeed is nominated and a higher-priority one replaces it (ice_component.c
            // nr_ice_component_nominated_pair); there is no settle timer
            .aggressiveNomination(true)
            // media.peerconnection.ice.trickle_grace_period 5000 ms (all.js)
            .trickleGracePeriod(seconds(5))
            // nICEr has no RFC 8863 PAC timer
            .pacTimeout(0)
            // a network change reaches nICEr only as the browser going offline or online (nricectx.cpp
            // NrIceCtx::UpdateNetworkState); one vanished interface while another stays up is not announced
            .networkMonitor(NetworkMonitor.SILENT)
            // but the next media packet on the selected pair fails: NrSocket::sendto (nr_socket_prsock.cpp) turns every
            // error but would-block into R_IO_ERROR, and nr_ice_media_stream_send (ice_media_stream.c) then calls
            // nr_ice_component_disconnected, which marks the component and so the stream disconnected; only a consent
            // answer clears it (ice_component.c nr_ice_component_consent_refreshed). Measured on Firefox 153
            // (fidelity-handover-on-disconnected and -on-failed, 80 ms, results/baselines/real/firefox-153.0):
            // disconnected 16-32 ms after the interface was removed, with audio sent every 20 ms
            .sendErrorDisconnects(true)
            // server-reflexive Binding requests: nr_stun_client_ctx with the unset gather_rto, so 100 ms
            // (ice_candidate.c nr_ice_srvrflx_start_stun); TURN requests with TURN_RTO 100 ms (turn_client_ctx.c)
            .srflxTransactions(ServerTransactions.NICER)
            .turnTransactions(ServerTransactions.NICER)
            // the server-reflexive candidate's STUN context ends with its first answer; nothing re-binds
            // (ice_candidate.c nr_ice_srvrflx_stun_finished_cb)
            .srflxKeepaliveInterval(0)
            .build();

    /** pion/ice (agent_config.go defaults, agent.go validateSelectedPair). */
    public static final IceProfile PION = RFC.differing("pion")
            // defaultCheckInterval 200 ms (agent_config.go)
            .checkInterval(millis(200))
            // pings are not retransmitted (agent.go pingAllCandidates)
            .checkMode(CheckMode.REPEATED_PINGS)
            .checkTransmissions(1)
            // every tick pings all pairs (agent.go pingAllCandidates)
            .pingAllPairsEachTick(true)
            // defaultMaxBindingRequests 7 is compared before each ping (agent.go pingAllCandidates:
            // bindingRequestCount > maxBindingRequests): 8 pings, the pair fails at the 9th tick
            .maxUnansweredPings(8)
            // no check-list limit (agent.go addPair)
            .maxPairs(10_000)
            // nominates the best valid pair once its acceptance wait is over (selection.go)
            .nominationSettleTime(0)
            // defaultSrflxAcceptanceMinWait 500 ms, defaultPrflxAcceptanceMinWait 1 s,
            // defaultRelayAcceptanceMinWait 2 s (agent_config.go); host 0
            .srflxAcceptanceWait(millis(500))
            .prflxAcceptanceWait(seconds(1))
            .relayAcceptanceWait(seconds(2))
            // Restart unsets the selected pair and closes every local candidate, with its socket or TURN
            // allocation, before new ones are gathered (agent.go Restart: setSelectedPair(nil),
            // deleteAllCandidates; ex_ice#30); the offerer restarts in CreateOffer, before its offer can
            // leave (webrtc peerconnection.go CreateOffer -> icetransport.go restart). Measured: media stopped
            // both ways at restartIce() and the callee reported disconnected 5.0 s later while the signaling
            // server was down (results/baselines/real/pion-3.1.56, fidelity-restart-signaling-outage)
            .keepPreviousGenerationDuringRestart(false)
            // with no selected pair, Conn.Write sends on the best succeeded pair (transport.go Write,
            // agent.go getBestValidCandidatePair); DTLS, and so media, starts at the first selection
            .sendsBeforeSelection(true)
            // nothing watches interfaces: a vanished one's socket stays and only the liveness timers
            // notice (gather.go localInterfaces runs once per gathering; candidate_base.go writeTo logs the error;
            // measured: disconnected 5.19-5.26 s after the removal, docs/testbed-pion.md)
            .networkMonitor(NetworkMonitor.SILENT)
            // ConnectionStateCompleted is never set (agent.go updateConnectionState callers)
            .reportsCompleted(false)
            // connectionState: failed, disconnected, connected (ICE and DTLS connected), connecting (ICE checking
            // and DTLS connecting), else new (webrtc peerconnection.go updateConnectionState). DTLS is new during
            // the first checks and connected during a restart's, so pion shows "new" then, never "connecting";
            // measured: connection-state new at every restartIce() and no connecting event in any run
            // (results/baselines/real/pion-3.1.56, raw.tar.gz)
            .w3cConnectionState(false)
            // disconnected and failed from the last packet received (agent.go validateSelectedPair)
            .liveness(Liveness.LAST_PACKET)
            // defaultKeepaliveInterval 2 s (agent_config.go)
            .keepaliveInterval(seconds(2))
            // no consent freshness
            .consentInterval(0)
            // defaultDisconnectedTimeout 5 s, defaultFailedTimeout 25 s: failed 30 s after the last packet (agent_config.go)
            .disconnectedTimeout(seconds(5))
            .failedTimeout(seconds(25))
            // while checking, failed once checking lasted longer than the disconnected plus failed
            // timeouts, whatever the pairs do (agent.go connectivityChecks); end-of-candidates is
            // ignored (agent.go AddRemoteCandidate returns at once for nil)
            .pacTimeout(seconds(30))
            .failedRequiresEndOfCandidates(false)
            // one Binding request per server, 5 s to answer (gather.go gatherCandidatesSrflx, defaultSTUNGatherTimeout)
            .srflxTransactions(ServerTransactions.PION_STUN)
            // pion/turn's client transactions (client.go defaultRTO, maxRtxCount; transaction.go maxRtxInterval)
            .turnTransactions(ServerTransactions.PION_TURN)
            // the srflx socket's one Binding request is all (gather.go gatherCandidatesSrflx)
            .srflxKeepaliveInterval(0)
            .build();

    private static final List<IceProfile> PRESETS = List.of(RFC, LIBWEBRTC, FIREFOX, PION);

    public IceProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("profile name must not be blank, was '" + name + "'");
        }
        requireDuration("checkInterval", checkInterval, MIN_CHECK_INTERVAL, seconds(10));
        requireNonNull("checkMode", checkMode);
        requireDuration("checkRtoFloor", checkRtoFloor, millis(10), seconds(60));
        requireCount("checkTransmissions", checkTransmissions, 1, 20);
        requireCount("finalWaitFactor", finalWaitFactor, 1, 64);
        requireNonNull("checkBackoff", checkBackoff);
        requireCount("maxUnansweredPings", maxUnansweredPings, 0, 1000);
        requireDuration("inactiveTimeout", inactiveTimeout, 0, DAY);
        if (checkMode == CheckMode.REPEATED_PINGS && maxUnansweredPings == 0 && inactiveTimeout == 0) {
            throw new IllegalArgumentException("with checkMode REPEATED_PINGS, maxUnansweredPings or inactiveTimeout must be"
                    + " set so that unanswered pairs can fail, both were 0");
        }
        requireCount("maxPairs", maxPairs, 1, 10_000);
        new TypePreferences(hostTypePreference, prflxTypePreference, srflxTypePreference, relayTypePreference);
        requireDuration("nominationSettleTime", nominationSettleTime, 0, DAY);
        requireDuration("hostAcceptanceWait", hostAcceptanceWait, 0, DAY);
        requireDuration("srflxAcceptanceWait", srflxAcceptanceWait, 0, DAY);
        requireDuration("prflxAcceptanceWait", prflxAcceptanceWait, 0, DAY);
        requireDuration("relayAcceptanceWait", relayAcceptanceWait, 0, DAY);
        requireDuration("freeCandidatesDelay", freeCandidatesDelay, 0, DAY);
        requireDuration("backupPingInterval", backupPingInterval, millis(10), DAY);
        if (backupPairs && (checkMode != CheckMode.REPEATED_PINGS || liveness != Liveness.PINGS)) {
            throw new IllegalArgumentException("backupPairs needs checkMode REPEATED_PINGS and liveness PINGS (the libwebrtc"
                    + " model), was " + checkMode + " and " + liveness);
        }
        if (semiAggressiveNomination && !backupPairs) {
            throw new IllegalArgumentException("semiAggressiveNomination needs backupPairs (the libwebrtc model, which"
                    + " switches to a better nominated pair), was false");
        }
        if (aggressiveNomination && backupPairs) {
            throw new IllegalArgumentException("aggressiveNomination and backupPairs are two different nomination models"
                    + " (nICEr's and libwebrtc's); set at most one");
        }
        requireNonNull("networkMonitor", networkMonitor);
        if (continualGathering && networkMonitor != NetworkMonitor.ANNOUNCED) {
            throw new IllegalArgumentException("continualGathering needs networkMonitor ANNOUNCED (a stack gathers on a new"
                    + " interface only when it learns of it), was " + networkMonitor);
        }
        requireNonNull("liveness", liveness);
        requireDuration("keepaliveInterval", keepaliveInterval, millis(100), DAY);
        requireDuration("consentInterval", consentInterval, 0, DAY);
        requireCount("consentJitterPercent", consentJitterPercent, 0, 50);
        requireDuration("consentMinInterval", consentMinInterval, 0, DAY);
        requireDuration("consentExpiry", consentExpiry, seconds(1), DAY);
        requireDuration("stablePingInterval", stablePingInterval, millis(10), seconds(60));
        requireDuration("stabilizingPingInterval", stabilizingPingInterval, millis(10), seconds(60));
        requireCount("weakPingsFirst", weakPingsFirst, 0, 100);
        requireDuration("weakPingInterval", weakPingInterval, millis(5), seconds(60));
        requireDuration("receivingTimeout", receivingTimeout, millis(10), seconds(60));
        requireDuration("strongPingInterval", strongPingInterval, millis(5), seconds(60));
        requireDuration("strongCheckInterval", strongCheckInterval, millis(5), seconds(60));
        requireDuration("timerAlignment", timerAlignment, 0, seconds(1));
        requireCount("unwritableMinChecks", unwritableMinChecks, 1, 100);
        requireDuration("unwritableTimeout", unwritableTimeout, millis(10), seconds(600));
        requireDuration("deadConnectionTimeout", deadConnectionTimeout, 0, DAY);
        requireDuration("disconnectedTimeout", disconnectedTimeout, 0, DAY);
        requireDuration("failedTimeout", failedTimeout, 0, DAY);
        requireDuration("relayGatheringDelay", relayGatheringDelay, 0, seconds(10));
        if (liveness == Liveness.LAST_PACKET && disconnectedTimeout == 0) {
            throw new IllegalArgumentException("disconnectedTimeout must be > 0 with liveness LAST_PACKET, was 0");
        }
        if (liveness == Liveness.PINGS && inactiveTimeout == 0) {
            throw new IllegalArgumentException("inactiveTimeout must be > 0 with liveness PINGS, was 0");
        }
        requireDuration("pacTimeout", pacTimeout, 0, DAY);
        requireDuration("trickleGracePeriod", trickleGracePeriod, 0, DAY);
        if (liveness == Liveness.PINGS && (pacTimeout > 0 || trickleGracePeriod > 0 || failedRequiresEndOfCandidates)) {
            // libwebrtc's "failed" is a function of its connections only (ComputeIceTransportState).
            throw new IllegalArgumentException("with liveness PINGS \"failed\" means no active pair, so pacTimeout and"
                    + " trickleGracePeriod must be 0 and failedRequiresEndOfCandidates false, were "
                    + formatDuration(pacTimeout) + ", " + formatDuration(trickleGracePeriod) + " and "
                    + failedRequiresEndOfCandidates);
        }
        requireNonNull("srflxTransactions", srflxTransactions);
        requireNonNull("turnTransactions", turnTransactions);
        requireDuration("srflxKeepaliveInterval", srflxKeepaliveInterval, 0, DAY);
        if (sendErrorDisconnects && liveness != Liveness.CONSENT) {
            throw new IllegalArgumentException("sendErrorDisconnects needs liveness CONSENT (a consent answer is what"
                    + " clears its \"disconnected\", as in nICEr), was " + liveness);
        }
    }

    /**
     * The send schedule of one check transaction with retransmission timeout {@code rto} in
     * {@link CheckMode#RETRANSMIT} mode: {@code checkTransmissions} sends grown by
     * {@code checkBackoff}, the last one waiting {@code finalWaitFactor} × RTO (plus the interval
     * before it, as {@code checkBackoff} says) for an answer.
     */
    public StunTransactionConfig checkSchedule(long rto) {
        return new StunTransactionConfig(rto, checkTransmissions, finalWaitFactor, Long.MAX_VALUE, rto, checkBackoff);
    }

    /** The preset called {@code name}: {@code rfc}, {@code libwebrtc}, {@code firefox} or {@code pion}. */
    public static IceProfile named(String name) {
        for (IceProfile preset : PRESETS) {
            if (preset.name.equals(name)) {
                return preset;
            }
        }
        throw new IllegalArgumentException("unknown ICE profile '" + name + "', known profiles are " + presetNames());
    }

    /** The preset names, in a fixed order. */
    public static List<String> presetNames() {
        return PRESETS.stream().map(IceProfile::name).toList();
    }

    /** The type preferences as one value. */
    public TypePreferences typePreferences() {
        return new TypePreferences(hostTypePreference, prflxTypePreference, srflxTypePreference, relayTypePreference);
    }

    /** The acceptance wait of candidates of type {@code type}. */
    public long acceptanceWait(CandidateType type) {
        return switch (type) {
            case HOST -> hostAcceptanceWait;
            case SERVER_REFLEXIVE -> srflxAcceptanceWait;
            case PEER_REFLEXIVE -> prflxAcceptanceWait;
            case RELAYED -> relayAcceptanceWait;
        };
    }

    /** A builder that starts from this profile, for a preset named {@code name} that differs from it. */
    public Builder differing(String name) {
        return new Builder(this).name(name);
    }

    /** The names {@link #with(String, String)} accepts, in declaration order. */
    public static List<String> constantNames() {
        return ATTRIBUTES.stream().map(Attribute::name).toList();
    }

    /**
     * This profile with the attribute {@code constant} set from {@code value}: a duration in the
     * project's grammar ({@link Durations#FORM}) for durations, an integer for counts,
     * {@code true}/{@code false} for switches, an enum name for modes. Errors name the attribute
     * and what it accepts.
     */
    public IceProfile with(String constant, String value) {
        return withAll(Map.of(constant, value));
    }

    /** This profile with every entry of {@code overrides} applied (see {@link #with(String, String)}). */
    public IceProfile withAll(Map<String, String> overrides) {
        Builder builder = new Builder(this);
        // Apply in a fixed order so that the first error reported does not depend on map order.
        List<String> keys = new ArrayList<>(overrides.keySet());
        keys.sort(null);
        for (String key : keys) {
            attribute(key).apply(builder, overrides.get(key));
        }
        return builder.build();
    }

    private static Attribute<?> attribute(String name) {
        for (Attribute<?> attribute : ATTRIBUTES) {
            if (attribute.name().equals(name)) {
                return attribute;
            }
        }
        throw new IllegalArgumentException("unknown ICE profile constant '" + name + "', known constants are "
                + constantNames());
    }

    /** One attribute a scenario may set by name: how its text is read and where it goes. */
    private record Attribute<T>(String name, Function<String, T> reader, BiConsumer<Builder, T> setter) {

        void apply(Builder builder, String text) {
            if (text == null) {
                throw new IllegalArgumentException("value of ICE profile constant " + name + " must not be null");
            }
            setter.accept(builder, reader.apply(text.trim()));
        }
    }

    private static final List<Attribute<?>> ATTRIBUTES = List.of(
            duration("checkInterval", Builder::checkInterval),
            choice("checkMode", CheckMode.class, Builder::checkMode),
            duration("checkRtoFloor", Builder::checkRtoFloor),
            count("checkTransmissions", Builder::checkTransmissions),
            count("finalWaitFactor", Builder::finalWaitFactor),
            choice("checkBackoff", Backoff.class, Builder::checkBackoff),
            flag("pingAllPairsEachTick", Builder::pingAllPairsEachTick),
            count("maxUnansweredPings", Builder::maxUnansweredPings),
            duration("inactiveTimeout", Builder::inactiveTimeout),
            count("maxPairs", Builder::maxPairs),
            count("hostTypePreference", Builder::hostTypePreference),
            count("prflxTypePreference", Builder::prflxTypePreference),
            count("srflxTypePreference", Builder::srflxTypePreference),
            count("relayTypePreference", Builder::relayTypePreference),
            duration("nominationSettleTime", Builder::nominationSettleTime),
            flag("aggressiveNomination", Builder::aggressiveNomination),
            duration("hostAcceptanceWait", Builder::hostAcceptanceWait),
            duration("srflxAcceptanceWait", Builder::srflxAcceptanceWait),
            duration("prflxAcceptanceWait", Builder::prflxAcceptanceWait),
            duration("relayAcceptanceWait", Builder::relayAcceptanceWait),
            duration("freeCandidatesDelay", Builder::freeCandidatesDelay),
            flag("keepPreviousGenerationDuringRestart", Builder::keepPreviousGenerationDuringRestart),
            flag("sendsBeforeSelection", Builder::sendsBeforeSelection),
            flag("backupPairs", Builder::backupPairs),
            flag("semiAggressiveNomination", Builder::semiAggressiveNomination),
            duration("backupPingInterval", Builder::backupPingInterval),
            flag("continualGathering", Builder::continualGathering),
            choice("networkMonitor", NetworkMonitor.class, Builder::networkMonitor),
            flag("reportsCompleted", Builder::reportsCompleted),
            choice("liveness", Liveness.class, Builder::liveness),
            duration("keepaliveInterval", Builder::keepaliveInterval),
            duration("consentInterval", Builder::consentInterval),
            count("consentJitterPercent", Builder::consentJitterPercent),
            duration("consentMinInterval", Builder::consentMinInterval),
            duration("consentExpiry", Builder::consentExpiry),
            duration("stablePingInterval", Builder::stablePingInterval),
            duration("stabilizingPingInterval", Builder::stabilizingPingInterval),
            count("weakPingsFirst", Builder::weakPingsFirst),
            duration("weakPingInterval", Builder::weakPingInterval),
            duration("receivingTimeout", Builder::receivingTimeout),
            duration("strongPingInterval", Builder::strongPingInterval),
            duration("strongCheckInterval", Builder::strongCheckInterval),
            duration("timerAlignment", Builder::timerAlignment),
            count("unwritableMinChecks", Builder::unwritableMinChecks),
            duration("unwritableTimeout", Builder::unwritableTimeout),
            duration("deadConnectionTimeout", Builder::deadConnectionTimeout),
            duration("disconnectedTimeout", Builder::disconnectedTimeout),
            duration("failedTimeout", Builder::failedTimeout),
            duration("pacTimeout", Builder::pacTimeout),
            duration("trickleGracePeriod", Builder::trickleGracePeriod),
            flag("failedRequiresEndOfCandidates", Builder::failedRequiresEndOfCandidates),
            flag("pageSeesIceFailed", Builder::pageSeesIceFailed),
            flag("w3cConnectionState", Builder::w3cConnectionState),
            duration("relayGatheringDelay", Builder::relayGatheringDelay),
            choice("srflxTransactions", ServerTransactions.class, Builder::srflxTransactions),
            choice("turnTransactions", ServerTransactions.class, Builder::turnTransactions),
            flag("checkRtoCountsChecks", Builder::checkRtoCountsChecks),
            duration("srflxKeepaliveInterval", Builder::srflxKeepaliveInterval),
            flag("sendErrorDisconnects", Builder::sendErrorDisconnects));

    private static Attribute<Long> duration(String name, BiConsumer<Builder, Long> setter) {
        return new Attribute<>(name, text -> {
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ICE profile constant " + name + ": " + e.getMessage());
            }
        }, setter);
    }

    private static Attribute<Integer> count(String name, BiConsumer<Builder, Integer> setter) {
        return new Attribute<>(name, text -> {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ICE profile constant " + name + " must be an integer, was '" + text
                        + "'");
            }
        }, setter);
    }

    private static Attribute<Boolean> flag(String name, BiConsumer<Builder, Boolean> setter) {
        return new Attribute<>(name, text -> {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            throw new IllegalArgumentException("ICE profile constant " + name + " must be true or false, was '" + text
                    + "'");
        }, setter);
    }

    private static <E extends Enum<E>> Attribute<E> choice(String name, Class<E> type, BiConsumer<Builder, E> setter) {
        return new Attribute<>(name, text -> {
            List<String> options = new ArrayList<>();
            for (E option : type.getEnumConstants()) {
                if (option.name().equalsIgnoreCase(text.replace('-', '_'))) {
                    return option;
                }
                options.add(option.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new IllegalArgumentException("ICE profile constant " + name + " must be one of " + options + ", was '"
                    + text + "'");
        }, setter);
    }

    /**
     * A profile attribute by attribute. A new builder holds the RFC value of every attribute (the
     * {@link #RFC} profile); {@link IceProfile#differing(String)} starts from another profile.
     */
    public static final class Builder {
        private String name;

        private long checkInterval = millis(50); // Ta 50 ms (RFC 8445 §14.2)
        private CheckMode checkMode = CheckMode.RETRANSMIT; // checks are STUN transactions with retransmissions (RFC 8445 §14.3)
        private long checkRtoFloor = millis(500); // RTO at least 500 ms (RFC 8445 §14.3)
        private int checkTransmissions = 7; // Rc 7 (RFC 8489 §6.2.1)
        private int finalWaitFactor = 16; // Rm 16 (RFC 8489 §6.2.1): a 39.5 s transaction timeout
        private Backoff checkBackoff = Backoff.DOUBLE; // the RTO doubles after each send (RFC 8489 §6.2.1)
        private boolean pingAllPairsEachTick = false; // one check per Ta (RFC 8445 §6.1.4.2)
        private int maxUnansweredPings = 0; // only with CheckMode.REPEATED_PINGS
        private long inactiveTimeout = 0; // only with CheckMode.REPEATED_PINGS or Liveness.PINGS
        private int maxPairs = 100; // check-list limit 100 (RFC 8445 §6.1.2.5)
        private int hostTypePreference = TypePreferences.RFC_8445.host(); // 126 (RFC 8445 §5.1.2.2)
        private int prflxTypePreference = TypePreferences.RFC_8445.peerReflexive(); // 110 (RFC 8445 §5.1.2.2)
        private int srflxTypePreference = TypePreferences.RFC_8445.serverReflexive(); // 100 (RFC 8445 §5.1.2.2)
        private int relayTypePreference = TypePreferences.RFC_8445.relayed(); // 0 (RFC 8445 §5.1.2.2)
        private long nominationSettleTime = seconds(2); // RFC 8445 §8.1.1 leaves the stopping rule local; 2 s is libjuice NOMINATION_TIMEOUT (agent.h)
        private boolean aggressiveNomination = false; // regular nomination only (RFC 8445 §8.1.1)
        private long hostAcceptanceWait = 0; // no acceptance waits (pion only)
        private long srflxAcceptanceWait = 0;
        private long prflxAcceptanceWait = 0;
        private long relayAcceptanceWait = 0;
        private long freeCandidatesDelay = seconds(3); // RFC 8445 §8.3.1 leaves the delay local; 3 s as libwebrtc keeps old ports after a restart
        private boolean keepPreviousGenerationDuringRestart = true; // the previous generation carries data during a restart (RFC 8445 §9, §12.1)
        private boolean sendsBeforeSelection = false; // data only on the selected pair (RFC 8445 §12.1)
        private boolean backupPairs = false; // one nomination per session (RFC 8445 §8.1.1)
        private boolean semiAggressiveNomination = false; // regular nomination only (RFC 8445 §8.1.1)
        private long backupPingInterval = seconds(25); // only with backupPairs; libwebrtc value
        private boolean continualGathering = false; // gather once
        private NetworkMonitor networkMonitor = NetworkMonitor.ANNOUNCED; // the agent SHOULD watch interfaces and drop candidates whose base vanished (RFC 8445 §5.1.1.4)
        private boolean reportsCompleted = true; // "completed" once checking is over (W3C RTCIceTransportState)
        private Liveness liveness = Liveness.CONSENT; // consent freshness (RFC 7675)
        private long keepaliveInterval = seconds(15); // Tr 15 s (RFC 8445 §11)
        private long consentInterval = seconds(5); // every 5 s (RFC 7675 §5.1)
        private int consentJitterPercent = 20; // ± 20 % (RFC 7675 §5.1)
        private long consentMinInterval = seconds(4); // never below 4 s (RFC 7675 §5.1)
        private long consentExpiry = seconds(30); // consent lost 30 s after the last answer (RFC 7675 §5.1)
        // The attributes below, up to deadConnectionTimeout, are read only with Liveness.PINGS (libwebrtc):
        // kStrongAndStableWritableConnectionPingInterval 2.5 s (p2p_constants.h)
        private long stablePingInterval = millis(2500);
        // kWeakOrStabilizingWritableConnectionPingInterval 900 ms (p2p_constants.h)
        private long stabilizingPingInterval = millis(900);
        // kMinPingsAtWeakPingInterval 3 (p2p_constants.h; basic_ice_controller.cc CalculateActiveWritablePingInterval)
        private int weakPingsFirst = 3;
        // kWeakPingInterval 48 ms (p2p_constants.h)
        private long weakPingInterval = millis(48);
        // kReceivingTimeout 2.5 s = 50 x kMinCheckReceivingInterval (p2p_constants.h)
        private long receivingTimeout = millis(2500);
        // STRONG_PING_INTERVAL 480 ms = 10 x kWeakPingInterval (p2p_constants.h; basic_ice_controller.cc
        // SelectConnectionToPing: no ping before this long after the last one while strong)
        private long strongPingInterval = millis(480);
        // while strong the check loop runs again after min(kStrongPingInterval 480 ms, check_receiving_interval
        // = max(kMinCheckReceivingInterval 50 ms, receiving timeout / 10) = 250 ms) (basic_ice_controller.cc
        // SelectConnectionToPing, p2p_transport_channel.cc check_receiving_interval, CheckAndPing)
        private long strongCheckInterval = millis(250);
        // native timers: a delayed task runs when its delay has passed
        private long timerAlignment = 0;
        // kConnectionWriteConnectFailures 5, kConnectionWriteConnectTimeout 5 s (p2p_constants.h)
        private int unwritableMinChecks = 5;
        private long unwritableTimeout = seconds(5);
        // DEAD_CONNECTION_RECEIVE_TIMEOUT 30 s (connection.cc dead())
        private long deadConnectionTimeout = seconds(30);
        private long disconnectedTimeout = 0; // only with Liveness.LAST_PACKET
        private long failedTimeout = 0;
        private long pacTimeout = millis(39_500); // PAC = the full check transaction timeout, 39.5 s (RFC 8863 §3; libjuice ICE_PAC_TIMEOUT)
        private long trickleGracePeriod = 0; // no grace period beyond end-of-candidates
        private boolean failedRequiresEndOfCandidates = true; // "failed" only after end-of-candidates (RFC 8838 §8; W3C RTCIceTransportState)
        private boolean pageSeesIceFailed = true; // iceConnectionState follows the transport's state (W3C RTCIceConnectionState)
        private boolean w3cConnectionState = true; // connectionState by the W3C RTCPeerConnectionState table
        private long relayGatheringDelay = 0; // every candidate type gathered at once (RFC 8445 §5.1.1)
        private ServerTransactions srflxTransactions = ServerTransactions.RFC_8445; // RFC 8489 §6.2 with RFC 8445 §14.3's RTO
        private ServerTransactions turnTransactions = ServerTransactions.RFC_8445;
        private boolean checkRtoCountsChecks = true; // RTO = MAX(500 ms, Ta × N × (Num-Waiting + Num-In-Progress)) (RFC 8445 §14.3)
        // RFC 8445 §5.1.1.4 requires Binding-request keepalives without an interval; Tr 15 s is the RFC's keepalive (§11)
        private long srflxKeepaliveInterval = seconds(15);
        // RFC 7675 §5.1 decides liveness by consent checks alone; a failed send is not an ICE event
        private boolean sendErrorDisconnects = false;

        /** A builder holding the RFC values, for a profile called {@code name}. */
        public Builder(String name) {
            this.name = name;
        }

        private Builder(IceProfile from) {
            this.name = from.name;
            this.checkInterval = from.checkInterval;
            this.checkMode = from.checkMode;
            this.checkRtoFloor = from.checkRtoFloor;
            this.checkTransmissions = from.checkTransmissions;
            this.finalWaitFactor = from.finalWaitFactor;
            this.checkBackoff = from.checkBackoff;
            this.pingAllPairsEachTick = from.pingAllPairsEachTick;
            this.maxUnansweredPings = from.maxUnansweredPings;
            this.inactiveTimeout = from.inactiveTimeout;
            this.maxPairs = from.maxPairs;
            this.hostTypePreference = from.hostTypePreference;
            this.prflxTypePreference = from.prflxTypePreference;
            this.srflxTypePreference = from.srflxTypePreference;
            this.relayTypePreference = from.relayTypePreference;
            this.nominationSettleTime = from.nominationSettleTime;
            this.aggressiveNomination = from.aggressiveNomination;
            this.hostAcceptanceWait = from.hostAcceptanceWait;
            this.srflxAcceptanceWait = from.srflxAcceptanceWait;
            this.prflxAcceptanceWait = from.prflxAcceptanceWait;
            this.relayAcceptanceWait = from.relayAcceptanceWait;
            this.freeCandidatesDelay = from.freeCandidatesDelay;
            this.keepPreviousGenerationDuringRestart = from.keepPreviousGenerationDuringRestart;
            this.sendsBeforeSelection = from.sendsBeforeSelection;
            this.backupPairs = from.backupPairs;
            this.semiAggressiveNomination = from.semiAggressiveNomination;
            this.backupPingInterval = from.backupPingInterval;
            this.continualGathering = from.continualGathering;
            this.networkMonitor = from.networkMonitor;
            this.reportsCompleted = from.reportsCompleted;
            this.liveness = from.liveness;
            this.keepaliveInterval = from.keepaliveInterval;
            this.consentInterval = from.consentInterval;
            this.consentJitterPercent = from.consentJitterPercent;
            this.consentMinInterval = from.consentMinInterval;
            this.consentExpiry = from.consentExpiry;
            this.stablePingInterval = from.stablePingInterval;
            this.stabilizingPingInterval = from.stabilizingPingInterval;
            this.weakPingsFirst = from.weakPingsFirst;
            this.weakPingInterval = from.weakPingInterval;
            this.receivingTimeout = from.receivingTimeout;
            this.strongPingInterval = from.strongPingInterval;
            this.strongCheckInterval = from.strongCheckInterval;
            this.timerAlignment = from.timerAlignment;
            this.unwritableMinChecks = from.unwritableMinChecks;
            this.unwritableTimeout = from.unwritableTimeout;
            this.deadConnectionTimeout = from.deadConnectionTimeout;
            this.disconnectedTimeout = from.disconnectedTimeout;
            this.failedTimeout = from.failedTimeout;
            this.pacTimeout = from.pacTimeout;
            this.trickleGracePeriod = from.trickleGracePeriod;
            this.failedRequiresEndOfCandidates = from.failedRequiresEndOfCandidates;
            this.pageSeesIceFailed = from.pageSeesIceFailed;
            this.w3cConnectionState = from.w3cConnectionState;
            this.relayGatheringDelay = from.relayGatheringDelay;
            this.srflxTransactions = from.srflxTransactions;
            this.turnTransactions = from.turnTransactions;
            this.checkRtoCountsChecks = from.checkRtoCountsChecks;
            this.srflxKeepaliveInterval = from.srflxKeepaliveInterval;
            this.sendErrorDisconnects = from.sendErrorDisconnects;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder checkInterval(long value) {
            this.checkInterval = value;
            return this;
        }

        public Builder checkMode(CheckMode value) {
            this.checkMode = value;
            return this;
        }

        public Builder checkRtoFloor(long value) {
            this.checkRtoFloor = value;
            return this;
        }

        public Builder checkTransmissions(int value) {
            this.checkTransmissions = value;
            return this;
        }

        public Builder finalWaitFactor(int value) {
            this.finalWaitFactor = value;
            return this;
        }

        public Builder checkBackoff(Backoff value) {
            this.checkBackoff = value;
            return this;
        }

        public Builder pingAllPairsEachTick(boolean value) {
            this.pingAllPairsEachTick = value;
            return this;
        }

        public Builder maxUnansweredPings(int value) {
            this.maxUnansweredPings = value;
            return this;
        }

        public Builder inactiveTimeout(long value) {
            this.inactiveTimeout = value;
            return this;
        }

        public Builder maxPairs(int value) {
            this.maxPairs = value;
            return this;
        }

        public Builder hostTypePreference(int value) {
            this.hostTypePreference = value;
            return this;
        }

        public Builder prflxTypePreference(int value) {
            this.prflxTypePreference = value;
            return this;
        }

        public Builder srflxTypePreference(int value) {
            this.srflxTypePreference = value;
            return this;
        }

        public Builder relayTypePreference(int value) {
            this.relayTypePreference = value;
            return this;
        }

        public Builder nominationSettleTime(long value) {
            this.nominationSettleTime = value;
            return this;
        }

        public Builder aggressiveNomination(boolean value) {
            this.aggressiveNomination = value;
            return this;
        }

        public Builder hostAcceptanceWait(long value) {
            this.hostAcceptanceWait = value;
            return this;
        }

        public Builder srflxAcceptanceWait(long value) {
            this.srflxAcceptanceWait = value;
            return this;
        }

        public Builder prflxAcceptanceWait(long value) {
            this.prflxAcceptanceWait = value;
            return this;
        }

        public Builder relayAcceptanceWait(long value) {
            this.relayAcceptanceWait = value;
            return this;
        }

        public Builder freeCandidatesDelay(long value) {
            this.freeCandidatesDelay = value;
            return this;
        }

        public Builder keepPreviousGenerationDuringRestart(boolean value) {
            this.keepPreviousGenerationDuringRestart = value;
            return this;
        }

        public Builder sendsBeforeSelection(boolean value) {
            this.sendsBeforeSelection = value;
            return this;
        }

        public Builder backupPairs(boolean value) {
            this.backupPairs = value;
            return this;
        }

        public Builder semiAggressiveNomination(boolean value) {
            this.semiAggressiveNomination = value;
            return this;
        }

        public Builder backupPingInterval(long value) {
            this.backupPingInterval = value;
            return this;
        }

        public Builder continualGathering(boolean value) {
            this.continualGathering = value;
            return this;
        }

        public Builder networkMonitor(NetworkMonitor value) {
            this.networkMonitor = value;
            return this;
        }

        public Builder reportsCompleted(boolean value) {
            this.reportsCompleted = value;
            return this;
        }

        public Builder liveness(Liveness value) {
            this.liveness = value;
            return this;
        }

        public Builder keepaliveInterval(long value) {
            this.keepaliveInterval = value;
            return this;
        }

        public Builder consentInterval(long value) {
            this.consentInterval = value;
            return this;
        }

        public Builder consentJitterPercent(int value) {
            this.consentJitterPercent = value;
            return this;
        }

        public Builder consentMinInterval(long value) {
            this.consentMinInterval = value;
            return this;
        }

        public Builder consentExpiry(long value) {
            this.consentExpiry = value;
            return this;
        }

        public Builder stablePingInterval(long value) {
            this.stablePingInterval = value;
            return this;
        }

        public Builder stabilizingPingInterval(long value) {
            this.stabilizingPingInterval = value;
            return this;
        }

        public Builder weakPingsFirst(int value) {
            this.weakPingsFirst = value;
            return this;
        }

        public Builder weakPingInterval(long value) {
            this.weakPingInterval = value;
            return this;
        }

        public Builder receivingTimeout(long value) {
            this.receivingTimeout = value;
            return this;
        }

        public Builder strongPingInterval(long value) {
            this.strongPingInterval = value;
            return this;
        }

        public Builder strongCheckInterval(long value) {
            this.strongCheckInterval = value;
            return this;
        }

        public Builder timerAlignment(long value) {
            this.timerAlignment = value;
            return this;
        }

        public Builder unwritableMinChecks(int value) {
            this.unwritableMinChecks = value;
            return this;
        }

        public Builder unwritableTimeout(long value) {
            this.unwritableTimeout = value;
            return this;
        }

        public Builder deadConnectionTimeout(long value) {
            this.deadConnectionTimeout = value;
            return this;
        }

        public Builder disconnectedTimeout(long value) {
            this.disconnectedTimeout = value;
            return this;
        }

        public Builder failedTimeout(long value) {
            this.failedTimeout = value;
            return this;
        }

        public Builder pacTimeout(long value) {
            this.pacTimeout = value;
            return this;
        }

        public Builder trickleGracePeriod(long value) {
            this.trickleGracePeriod = value;
            return this;
        }

        public Builder failedRequiresEndOfCandidates(boolean value) {
            this.failedRequiresEndOfCandidates = value;
            return this;
        }

        public Builder pageSeesIceFailed(boolean value) {
            this.pageSeesIceFailed = value;
            return this;
        }

        public Builder w3cConnectionState(boolean value) {
            this.w3cConnectionState = value;
            return this;
        }

        public Builder relayGatheringDelay(long value) {
            this.relayGatheringDelay = value;
            return this;
        }

        public Builder srflxTransactions(ServerTransactions value) {
            this.srflxTransactions = value;
            return this;
        }

        public Builder turnTransactions(ServerTransactions value) {
            this.turnTransactions = value;
            return this;
        }

        public Builder checkRtoCountsChecks(boolean value) {
            this.checkRtoCountsChecks = value;
            return this;
        }

        public Builder srflxKeepaliveInterval(long value) {
            this.srflxKeepaliveInterval = value;
            return this;
        }

        public Builder sendErrorDisconnects(boolean value) {
            this.sendErrorDisconnects = value;
            return this;
        }

        /** The profile, validated (the record's constructor names any attribute out of range). */
        public IceProfile build() {
            return new IceProfile(
                    name, checkInterval, checkMode, checkRtoFloor, checkTransmissions, finalWaitFactor, checkBackoff,
                    pingAllPairsEachTick, maxUnansweredPings, inactiveTimeout, maxPairs, hostTypePreference,
                    prflxTypePreference, srflxTypePreference, relayTypePreference, nominationSettleTime,
                    aggressiveNomination, hostAcceptanceWait, srflxAcceptanceWait, prflxAcceptanceWait,
                    relayAcceptanceWait, freeCandidatesDelay, keepPreviousGenerationDuringRestart, sendsBeforeSelection,
                    backupPairs, semiAggressiveNomination, backupPingInterval, continualGathering,
                    networkMonitor, reportsCompleted, liveness, keepaliveInterval, consentInterval,
                    consentJitterPercent, consentMinInterval, consentExpiry, stablePingInterval,
                    stabilizingPingInterval, weakPingsFirst, weakPingInterval, receivingTimeout, strongPingInterval,
                    strongCheckInterval, timerAlignment, unwritableMinChecks,
                    unwritableTimeout, deadConnectionTimeout, disconnectedTimeout, failedTimeout, pacTimeout,
                    trickleGracePeriod, failedRequiresEndOfCandidates, pageSeesIceFailed, w3cConnectionState, relayGatheringDelay,
                    srflxTransactions, turnTransactions,
                    checkRtoCountsChecks, srflxKeepaliveInterval, sendErrorDisconnects);
        }
    }

    private static void requireDuration(String constant, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("ICE profile constant " + constant + " must be in ["
                    + formatDuration(min) + ", " + formatDuration(max) + "], was " + formatDuration(value));
        }
    }

    private static void requireCount(String constant, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("ICE profile constant " + constant + " must be in [" + min + ", " + max
                    + "], was " + value);
        }
    }

    private static void requireNonNull(String constant, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("ICE profile constant " + constant + " must not be null");
        }
    }

    private static String formatDuration(long nanos) {
        return Durations.format(nanos);
    }
}
