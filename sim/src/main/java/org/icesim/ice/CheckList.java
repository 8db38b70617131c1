package org.icesim.ice;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.icesim.net.TransportAddress;

/**
 * The check list of the single data stream (RFC 8445 §6.1.2): pairs ordered by decreasing
 * priority, the triggered-check FIFO (§6.1.4.1) and the valid list (§7.2.5.3.2). A list holds at
 * most 100 pairs by default, so linear scans are cheaper than any index.
 */
final class CheckList {

    private static final Comparator<CandidatePair> BY_PRIORITY_DESCENDING =
            Comparator.comparingLong(CandidatePair::priority).reversed();

    final List<CandidatePair> pairs = new ArrayList<>();
    final ArrayDeque<CandidatePair> triggered = new ArrayDeque<>();
    final List<CandidatePair> valid = new ArrayList<>();
    CheckListState state = CheckListState.RUNNING;

    /** The pair whose checks go from {@code base} to {@code remote}, or null. */
    CandidatePair find(TransportAddress base, TransportAddress remote) {
        for (int i = 0, n = pairs.size(); i < n; i++) {
            CandidatePair pair = pairs.get(i);
            if (pair.matches(base, remote)) {
                return pair;
            }
        }
        return null;
    }

    /** Inserts {@code pair} after every pair of higher or equal priority (ties keep arrival order). */
    void insert(CandidatePair pair) {
        int index = pairs.size();
        while (index > 0 && pairs.get(index - 1).priority() < pair.priority()) {
            index--;
        }
        pairs.add(index, pair);
        pair.inCheckList = true;
    }

    void remove(CandidatePair pair) {
        pairs.remove(pair);
        pair.inCheckList = false;
        if (pair.queued) {
            triggered.remove(pair);
            pair.queued = false;
        }
    }

    /** Appends {@code pair} to the triggered-check FIFO unless it is already there (RFC 8445 §7.3.1.4). */
    void enqueueTriggered(CandidatePair pair) {
        if (!pair.queued) {
            triggered.addLast(pair);
            pair.queued = true;
        }
    }

    /** Empties the triggered-check FIFO, nominations waiting in it included. */
    void clearTriggered() {
        for (CandidatePair pair : triggered) {
            pair.queued = false;
            pair.nominateNext = false;
        }
        triggered.clear();
    }

    /** Restores priority order after priorities changed (role switch, RFC 8445 §7.2.5.1). */
    void resort() {
        pairs.sort(BY_PRIORITY_DESCENDING);
        valid.sort(BY_PRIORITY_DESCENDING);
    }

    /** Whether some pair of {@code foundation} is Waiting or In-Progress (RFC 8445 §6.1.2.6, §6.1.4.2). */
    boolean foundationActive(String foundation) {
        for (int i = 0, n = pairs.size(); i < n; i++) {
            CandidatePair pair = pairs.get(i);
            PairState state = pair.state();
            if ((state == PairState.WAITING || state == PairState.IN_PROGRESS) && pair.foundation().equals(foundation)) {
                return true;
            }
        }
        return false;
    }

    int count(PairState state) {
        int count = 0;
        for (int i = 0, n = pairs.size(); i < n; i++) {
            if (pairs.get(i).state() == state) {
                count++;
            }
        }
        return count;
    }

    /** The first Waiting pair: the highest-priority one, since the list is ordered (RFC 8445 §6.1.4.2 step 3). */
    CandidatePair firstWaiting() {
        for (int i = 0, n = pairs.size(); i < n; i++) {
            if (pairs.get(i).state() == PairState.WAITING) {
                return pairs.get(i);
            }
        }
        return null;
    }

    /** The highest-priority pair in the valid list, or null. */
    CandidatePair bestValid() {
        CandidatePair best = null;
        for (int i = 0, n = valid.size(); i < n; i++) {
            CandidatePair pair = valid.get(i);
            if (best == null || pair.priority() > best.priority()) {
                best = pair;
            }
        }
        return best;
    }

    /** Whether a pair of priority above {@code priority} may still succeed. */
    boolean betterPairPending(long priority) {
        for (int i = 0, n = pairs.size(); i < n; i++) {
            CandidatePair pair = pairs.get(i);
            if (pair.priority() <= priority) {
                return false;
            }
            PairState state = pair.state();
            if (state == PairState.FROZEN || state == PairState.WAITING || state == PairState.IN_PROGRESS) {
                return true;
            }
        }
        return false;
    }

    /** Whether a pair is still to be checked or awaiting an answer. */
    boolean hasPendingPairs() {
        if (!triggered.isEmpty()) {
            return true;
        }
        for (int i = 0, n = pairs.size(); i < n; i++) {
            PairState state = pairs.get(i).state();
            if (state == PairState.FROZEN || state == PairState.WAITING || state == PairState.IN_PROGRESS) {
                return true;
            }
        }
        return false;
    }

    List<CandidatePair> view() {
        return Collections.unmodifiableList(pairs);
    }
}
