package org.icesim.ice;

import org.icesim.kernel.Durations;
import org.icesim.stun.StunTransactionConfig;

/**
 * How an implementation retransmits its requests to STUN and TURN servers: the Binding requests
 * that gather server-reflexive candidates, and the TURN client's Allocate, Refresh,
 * CreatePermission and ChannelBind requests. Each value names the schedule of one stack.
 */
public enum ServerTransactions {

    /**
     * RFC 8489 §6.2 (Rc 7, Rm 16, Ti 39.5 s) with the first RTO of RFC 8445 §14.3 for gathering:
     * {@code max(500 ms, Ta × Num-Of-Cands)}, Num-Of-Cands being the server-reflexive and relayed
     * candidates gathered together.
     */
    RFC_8445(StunTransactionConfig.RFC_8489),
    /** libwebrtc's StunRequest (stun_request.cc): 250 ms doubling to 8 s, 9 sends, failure at 39.75 s. */
    LIBWEBRTC(StunTransactionConfig.LIBWEBRTC),
    /** nICEr's nr_stun_client_ctx (stun_client_ctx.c): 100 ms, 7 sends, failure at 19.9 s. */
    NICER(StunTransactionConfig.NICER),
    /** pion/ice's server-reflexive gathering (gather.go): one Binding request, given up after 5 s. */
    PION_STUN(StunTransactionConfig.PION_STUN),
    /** pion/turn's client (client.go, internal/client/transaction.go): 200 ms doubling to 1.6 s, 7 sends, 7.8 s. */
    PION_TURN(StunTransactionConfig.PION_TURN);

    /** RFC 8445 §14.3: the RTO of a gathering transaction is at least 500 ms. */
    private static final long MIN_GATHERING_RTO = Durations.millis(500);

    private final StunTransactionConfig schedule;

    ServerTransactions(StunTransactionConfig schedule) {
        this.schedule = schedule;
    }

    /**
     * The schedule of requests made while {@code candidatesGathered} server-reflexive and relayed
     * candidates are gathered together by an agent pacing at {@code checkInterval} (Ta). Only
     * {@link #RFC_8445} scales its first RTO with them; the stacks use fixed values.
     */
    public StunTransactionConfig schedule(long checkInterval, long candidatesGathered) {
        if (this != RFC_8445) {
            return schedule;
        }
        return schedule.withInitialRto(Math.max(MIN_GATHERING_RTO, checkInterval * candidatesGathered));
    }
}
