package org.icesim.ice;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * An ICE username fragment and password (RFC 8445 §5.3; SDP {@code a=ice-ufrag}, {@code a=ice-pwd}).
 * Each distinct pair is one ICE generation: new credentials are what makes an ICE restart
 * (RFC 8445 §9). RFC 8839 §5.4 allows 4..256 ice-chars for the ufrag and 22..256 for the password.
 */
public record IceCredentials(String ufrag, String pwd) {

    public static final int MIN_UFRAG_LENGTH = 4;
    public static final int MIN_PWD_LENGTH = 22;
    public static final int MAX_LENGTH = 256;
    /** libwebrtc's generated lengths (p2p_constants.cc ICE_UFRAG_LENGTH 4, ICE_PWD_LENGTH 24). */
    public static final int GENERATED_UFRAG_LENGTH = 4;
    public static final int GENERATED_PWD_LENGTH = 24;

    /** ice-char = ALPHA / DIGIT / "+" / "/" (RFC 8839 §5.1). */
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public IceCredentials {
        requireIceChars("ufrag", ufrag, MIN_UFRAG_LENGTH);
        requireIceChars("pwd", pwd, MIN_PWD_LENGTH);
    }

    /**
     * Fresh credentials drawn from {@code random}: 4 and 24 ice-chars, i.e. 24 and 144 random bits,
     * above RFC 8445 §5.3's 24 and 128.
     */
    public static IceCredentials random(RandomGenerator random) {
        return new IceCredentials(randomText(random, GENERATED_UFRAG_LENGTH), randomText(random, GENERATED_PWD_LENGTH));
    }

    private static String randomText(RandomGenerator random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length()));
        }
        return new String(chars);
    }

    private static void requireIceChars(String name, String value, int minLength) {
        if (value == null || value.length() < minLength || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(name + " must be " + minLength + " to " + MAX_LENGTH
                    + " ice-chars (RFC 8839 §5.4), was " + (value == null ? "null" : "'" + value + "' (" + value.length() + ")"));
        }
        for (int i = 0; i < value.length(); i++) {
            if (ICE_CHARS.indexOf(value.charAt(i)) < 0) {
                throw new IllegalArgumentException(name + " must contain only ice-chars (letters, digits, '+', '/';"
                        + " RFC 8839 §5.1), was '" + value + "'");
            }
        }
    }

    /** Shows the ufrag only: the password is a secret. */
    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + "]";
    }
}
