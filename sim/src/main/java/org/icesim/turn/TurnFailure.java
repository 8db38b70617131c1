package org.icesim.turn;

/** Why a {@link TurnClient} gave up its allocation. */
public enum TurnFailure {
    /** A request got no response within the STUN transaction timeout (RFC 8489 §6.2). */
    TIMEOUT,
    /** 401 Unauthorized although credentials were sent: wrong user name or password. */
    UNAUTHORIZED,
    /** 438 Stale Nonce again and again, beyond the client's retry limit. */
    STALE_NONCE,
    /** 437 Allocation Mismatch on Allocate, still after the retries on new local ports. */
    ALLOCATION_MISMATCH,
    /** 441 Wrong Credentials: the request's user is not the allocation's (RFC 8656 §5). */
    WRONG_CREDENTIALS,
    /** 442 Unsupported Transport Protocol. */
    UNSUPPORTED_TRANSPORT,
    /** 486 Allocation Quota Reached: the user holds as many allocations as the server allows. */
    QUOTA_REACHED,
    /** 508 Insufficient Capacity: the server holds as many allocations as it can. */
    INSUFFICIENT_CAPACITY,
    /**
     * 437 on Refresh, CreatePermission or ChannelBind: the server no longer has the allocation
     * (it expired, or the server restarted).
     */
    ALLOCATION_LOST,
    /** Another error response. */
    ERROR_RESPONSE,
    /** A success response without the attributes it must carry. */
    BAD_RESPONSE,
    /** The path to the server broke: the interface went away, or the TCP connection failed. */
    CONNECTION_LOST;

    /** The failure an Allocate error response with {@code code} means (after any retries). */
    static TurnFailure ofAllocateError(int code) {
        return switch (code) {
            case 401 -> UNAUTHORIZED;
            case 437 -> ALLOCATION_MISMATCH;
            case 438 -> STALE_NONCE;
            case 441 -> WRONG_CREDENTIALS;
            case 442 -> UNSUPPORTED_TRANSPORT;
            case 486 -> QUOTA_REACHED;
            case 508 -> INSUFFICIENT_CAPACITY;
            default -> ERROR_RESPONSE;
        };
    }

    /** The failure an error response with {@code code} to a request on an existing allocation means. */
    static TurnFailure ofAllocationError(int code) {
        return code == 437 ? ALLOCATION_LOST : ofAllocateError(code);
    }
}
