package org.icesim.webrtc;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * The ICE username fragment and password of one ICE generation (SDP {@code a=ice-ufrag},
 * {@code a=ice-pwd}). A new pair of credentials is what makes an ICE restart (RFC 8445 §9).
 */
public record IceCredentials(String ufrag, String pwd) {

    /** Characters allowed in ufrag and pwd: ice-char = ALPHA / DIGIT / "+" / "/" (RFC 8839 §5.4). */
    public static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** Length of a generated ufrag (libwebrtc {@code ICE_UFRAG_LENGTH}); RFC 8839 §5.4 minimum is 4. */
    public static final int UFRAG_LENGTH = 4;

    /** Length of a generated pwd (libwebrtc {@code ICE_PWD_LENGTH}); RFC 8839 §5.4 minimum is 22. */
    public static final int PWD_LENGTH = 24;

    private static final int MIN_UFRAG = 4;
    private static final int MIN_PWD = 22;
    private static final int MAX_LENGTH = 256;

    public IceCredentials {
        check("ufrag", ufrag, MIN_UFRAG);
        check("pwd", pwd, MIN_PWD);
    }

    /** Draws a fresh ufrag (4 characters) and pwd (24 characters) from the ice-char alphabet. */
    public static IceCredentials generate(RandomGenerator random) {
        return new IceCredentials(randomString(random, UFRAG_LENGTH), randomString(random, PWD_LENGTH));
    }

    private static String randomString(RandomGenerator random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length()));
        }
        return new String(chars);
    }

    private static void check(String name, String value, int minLength) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (value.length() < minLength || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(name + " must be " + minLength + ".." + MAX_LENGTH
                    + " ice-chars long (RFC 8839 §5.4), was " + value.length() + " ('" + value + "')");
        }
        for (int i = 0; i < value.length(); i++) {
            if (ICE_CHARS.indexOf(value.charAt(i)) < 0) {
                throw new IllegalArgumentException(name + " must use only ALPHA, DIGIT, '+' and '/' (RFC 8839 §5.4), was '"
                        + value + "'");
            }
        }
    }
}
