package org.icesim.webrtc;

/**
 * W3C {@code RTCOfferOptions}.
 *
 * @param iceRestart ask for new ICE credentials in the offer, without touching the
 *                   {@code [[LocalIceCredentialsToReplace]]} slot (W3C RTCOfferOptions)
 */
public record OfferOptions(boolean iceRestart) {

    /** The default options: no forced ICE restart. */
    public static final OfferOptions DEFAULT = new OfferOptions(false);

    /** Options forcing new ICE credentials. */
    public static final OfferOptions ICE_RESTART = new OfferOptions(true);
}
