package org.icesim.net.tcp;

import org.icesim.net.Payload;

/**
 * The flight-by-flight progress of one TLS handshake, for one side. The client offers its version;
 * the server answers with the lower of that and the highest it supports, as a TLS 1.3 server does
 * when a 1.2 client connects (RFC 8446 §4.2.1, §D.2).
 *
 * <pre>
 * TLS 1.3 (1 RTT):  C: ClientHello → S: server flight (…Finished) → C: Finished  [client ready]
 * TLS 1.2 (2 RTT):  C: ClientHello → S: server flight (…ServerHelloDone)
 *                   → C: ClientKeyExchange, CCS, Finished → S: CCS, Finished   [client ready]
 * </pre>
 */
final class TlsHandshake {

    private enum Step { AWAIT_CLIENT_HELLO, AWAIT_SERVER_FLIGHT, AWAIT_CLIENT_FINISHED, AWAIT_SERVER_FINISHED, DONE, FAILED }

    private final TlsVersion highest;
    private TlsVersion version;
    private Step step;

    private TlsHandshake(TlsVersion highest, Step step) {
        if (highest == TlsVersion.NONE) {
            throw new IllegalArgumentException("a TLS handshake needs a TLS version, was NONE");
        }
        this.highest = highest;
        this.version = highest;
        this.step = step;
    }

    static TlsHandshake client(TlsVersion offered) {
        return new TlsHandshake(offered, Step.AWAIT_SERVER_FLIGHT);
    }

    static TlsHandshake server(TlsVersion highestSupported) {
        return new TlsHandshake(highestSupported, Step.AWAIT_CLIENT_HELLO);
    }

    /** The client's first flight. */
    TlsFlight clientHello() {
        return new TlsFlight(highest, TlsFlight.Kind.CLIENT_HELLO);
    }

    /** The version in use: the negotiated one once known, the offered or highest one before. */
    TlsVersion version() {
        return version;
    }

    boolean done() {
        return step == Step.DONE;
    }

    boolean failed() {
        return step == Step.FAILED;
    }

    /**
     * Takes one whole message from the peer's stream and returns the flight to send in reply, or
     * null. Anything other than the expected flight fails the handshake.
     */
    TlsFlight onReceived(Payload message) {
        if (!(message instanceof TlsFlight flight)) {
            step = Step.FAILED;
            return null;
        }
        switch (step) {
            case AWAIT_CLIENT_HELLO -> {
                if (flight.kind() == TlsFlight.Kind.CLIENT_HELLO) {
                    version = flight.version().compareTo(highest) < 0 ? flight.version() : highest;
                    step = Step.AWAIT_CLIENT_FINISHED;
                    return new TlsFlight(version, TlsFlight.Kind.SERVER_FLIGHT);
                }
            }
            case AWAIT_SERVER_FLIGHT -> {
                if (flight.kind() == TlsFlight.Kind.SERVER_FLIGHT && flight.version().compareTo(highest) <= 0) {
                    version = flight.version();
                    step = version == TlsVersion.TLS_1_3 ? Step.DONE : Step.AWAIT_SERVER_FINISHED;
                    return new TlsFlight(version, TlsFlight.Kind.CLIENT_FINISHED);
                }
            }
            case AWAIT_CLIENT_FINISHED -> {
                if (flight.kind() == TlsFlight.Kind.CLIENT_FINISHED && flight.version() == version) {
                    step = Step.DONE;
                    return version == TlsVersion.TLS_1_2 ? new TlsFlight(version, TlsFlight.Kind.SERVER_FINISHED) : null;
                }
            }
            case AWAIT_SERVER_FINISHED -> {
                if (flight.kind() == TlsFlight.Kind.SERVER_FINISHED && flight.version() == version) {
                    step = Step.DONE;
                    return null;
                }
            }
            case DONE, FAILED -> {
            }
        }
        step = Step.FAILED;
        return null;
    }
}
