package org.icesim.stun;

import org.icesim.net.TransportAddress;
import org.icesim.stun.StunAttribute.ErrorCode;

/** How a client transaction ended: a success response, an error response, or no response in time. */
public sealed interface StunOutcome {

    /** The transaction that ended (its request, send times and completion time). */
    StunTransaction transaction();

    /** A success response arrived from {@code from}. */
    record Success(StunTransaction transaction, StunMessage response, TransportAddress from) implements StunOutcome {
    }

    /**
     * An error response arrived from {@code from}; {@code error} is its ERROR-CODE (a response
     * without one is reported as 500 Server Error, as it cannot be understood otherwise).
     */
    record ErrorResponse(StunTransaction transaction, StunMessage response, TransportAddress from, ErrorCode error)
            implements StunOutcome {

        public int code() {
            return error.code();
        }
    }

    /** No response arrived before the transaction timeout (RFC 8489 §6.2.1, §6.2.2). */
    record Timeout(StunTransaction transaction) implements StunOutcome {
    }
}
