/**
 * The ICE agent: RFC 8445 full (or lite) ICE for one data stream with one component (BUNDLE
 * and rtcp-mux), Trickle ICE (RFC 8838), consent freshness (RFC 7675), PAC (RFC 8863) and ICE
 * restart, with the timing of several implementations as {@link org.icesim.ice.IceProfile}
 * presets.
 *
 * <p>The agent is sans-IO: {@link org.icesim.ice.IceAgent} takes time and timers from a
 * {@code Scheduler}, sends through {@link org.icesim.ice.IceIo}, receives through
 * {@code handleStun}, and reports {@link org.icesim.ice.IceEvent}s. Candidate priorities,
 * foundations and redundancy elimination are pure functions in
 * {@link org.icesim.ice.Candidates} and {@link org.icesim.ice.Priorities}, shared with the
 * gatherer.
 *
 * <p>Deliberate simplifications:
 * <ul>
 *   <li>IPv4 and UDP candidates only; one component; no TCP candidates (RFC 6544).</li>
 *   <li>Under RFC 8445 (profiles {@code rfc}, {@code firefox}, {@code pion}) the data destination
 *       changes after a nomination only through an ICE restart (§8.1.1, §9), except that under
 *       {@code firefox}'s aggressive nomination a late answer to a higher-priority check replaces
 *       the selected pair; nICEr's In-Progress checks, which go on after a nomination, are
 *       cancelled here (§8.1.2). The {@code libwebrtc}
 *       profile keeps checking and pinging the other pairs ({@code backupPairs}) and nominates
 *       the best writable one when it beats the selected pair or the selected pair turns
 *       unwritable; its "stronger by RTT" switching rules and the switching delay are not
 *       modelled. Pairs on the selected pair's network that are not better are pruned while it is
 *       strong; a pruned pair still being checked is given up at once (libwebrtc keeps it,
 *       unpinged, up to 10 s), and a request arriving on a timed-out pair does not make it active
 *       again until a ping is answered. Gathering itself (including continual gathering)
 *       belongs to the gatherer.</li>
 *   <li>libwebrtc pings from its check loop (p2p_transport_channel.cc CheckAndPing): one run sends at
 *       most one check or ping, the selected pair first when it is due, pings of all pairs at least
 *       48 ms apart while the channel is weak or a pair owes its first pings and 480 ms while it is
 *       strong; the loop re-runs after the shorter of that and 250 ms, on the stack's timer grid
 *       (Chromium's 64 Hz), and the selected pair's state changes (unwritable, timed out, dead) are
 *       decided on its runs. The loop is started once and runs on across ICE restarts
 *       (MaybeStartPinging, CheckAndPing), so a restart's first check waits for its next run: up to
 *       one run spacing, by the phase the call's history gave the loop. Left out: the RTT-based condition on the fifth unanswered ping, the
 *       order among pairs beyond "due selected pair, triggered, unchecked, least recently pinged",
 *       and the per-network preference of a weak channel (basic_ice_controller.cc
 *       FindNextPingableConnection rule 2).</li>
 *   <li>pion's 5 s / 30 s are decided at its 2 s ticks, counted here from the selection (pion's run
 *       on from its last check tick, up to one 200 ms check interval earlier), and its acceptance
 *       waits at their exact instants rather than at its next check tick. RFC 7675 consent
 *       deadlines fire at their exact instants.</li>
 *   <li>Message integrity is a comparison of the key a model message names with the expected
 *       key, which is what a matching HMAC proves; the codec checks real bytes.</li>
 * </ul>
 */
package org.icesim.ice;
