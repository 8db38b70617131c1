package org.icesim.stun;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * The 96-bit transaction ID of a STUN message (RFC 8489 §5), held as its first 32 bits
 * ({@code high}) and its last 64 bits ({@code low}) so that comparing and hashing are cheap.
 */
public record TransactionId(int high, long low) {

    /** Length of the transaction ID on the wire. */
    public static final int BYTES = 12;

    /**
     * A fresh ID from {@code random}. RFC 8489 §5 asks for IDs drawn uniformly from the whole
     * 96-bit range, so that they are not predictable and do not collide.
     */
    public static TransactionId random(RandomGenerator random) {
        return new TransactionId(random.nextInt(), random.nextLong());
    }

    /** The ID held in {@code bytes[offset .. offset+12)}, in network order. */
    public static TransactionId fromBytes(byte[] bytes, int offset) {
        if (offset < 0 || bytes.length - offset < BYTES) {
            throw new IllegalArgumentException("a transaction ID needs " + BYTES + " bytes from offset " + offset
                    + ", the array has " + bytes.length);
        }
        int high = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 8 | (bytes[offset + i] & 0xff);
        }
        long low = 0;
        for (int i = 4; i < BYTES; i++) {
            low = low << 8 | (bytes[offset + i] & 0xff);
        }
        return new TransactionId(high, low);
    }

    /** The 12 bytes in network order. */
    public byte[] toBytes() {
        byte[] bytes = new byte[BYTES];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) (high >>> (24 - 8 * i));
        }
        for (int i = 0; i < 8; i++) {
            bytes[4 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return bytes;
    }

    @Override
    public String toString() {
        return String.format("%08x%016x", high, low);
    }
}
