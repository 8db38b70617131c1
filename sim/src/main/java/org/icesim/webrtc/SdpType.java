package org.icesim.webrtc;

/** W3C {@code RTCSdpType}. */
public enum SdpType {
    OFFER("offer"),
    /** A provisional answer: an answer that does not complete the exchange. */
    PRANSWER("pranswer"),
    ANSWER("answer"),
    /** Cancels the pending offer and returns to the last stable state; carries no content. */
    ROLLBACK("rollback");

    private final String w3cName;

    SdpType(String w3cName) {
        this.w3cName = w3cName;
    }

    /** The value as the W3C API spells it. */
    public String w3cName() {
        return w3cName;
    }
}
