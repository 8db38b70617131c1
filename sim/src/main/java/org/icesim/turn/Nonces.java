package org.icesim.turn;

import org.icesim.stun.StunAttribute.Nonce;

/**
 * The server's nonces (RFC 8489 §9.2): each names the secret of the server's current run and the
 * instant it was issued, so a nonce is checked without remembering it. It is stale once it is
 * older than the nonce lifetime, or when it comes from another run of the server (after a
 * restart), and the client then gets 438 Stale Nonce.
 */
final class Nonces {

    private static final int LENGTH = 24;

    private final long lifetimeNanos;
    private int secret;

    Nonces(long lifetimeNanos, int secret) {
        this.lifetimeNanos = lifetimeNanos;
        this.secret = secret;
    }

    /** A new run of the server: every nonce issued before is stale from now on. */
    void renew(int newSecret) {
        secret = newSecret;
    }

    Nonce issue(long now) {
        return new Nonce(String.format("%08x%016x", secret, now));
    }

    boolean isValid(String nonce, long now) {
        if (nonce.length() != LENGTH) {
            return false;
        }
        try {
            int issuedBy = Integer.parseUnsignedInt(nonce, 0, 8, 16);
            long issuedAt = Long.parseUnsignedLong(nonce, 8, LENGTH, 16);
            return issuedBy == secret && issuedAt <= now && now - issuedAt < lifetimeNanos;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
