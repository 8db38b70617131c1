package org.icesim.stun;

import java.util.List;
import java.util.Optional;
import org.icesim.net.DatagramHandler;
import org.icesim.net.Host;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;
import org.icesim.net.UdpSocket;
import org.icesim.stun.StunAttribute.ErrorCode;

/**
 * A STUN binding server on a host's UDP port (RFC 8489). It answers each Binding request with the
 * request's source address as it reached the server, after every NAT on the way, in
 * XOR-MAPPED-ADDRESS (RFC 8489 §14.2). It answers at once: a server's processing time is far below
 * the network's delays.
 *
 * <p>Other requests: one with a comprehension-required attribute the server does not know gets 420
 * Unknown Attribute listing it (RFC 8489 §6.3.1.1); one of another method gets 400 Bad Request.
 * Raw bytes ({@link RawPayload}) are decoded first; a malformed request gets the 400 or 420 the
 * codec names ({@link StunParseException#errorResponse()}), anything else unreadable is dropped.
 * Indications (a Binding indication is a keepalive, RFC 8489 §6.3.2), responses and anything
 * that is not STUN are discarded without a reply (RFC 8489 §6.3).
 *
 * <p>{@link #crash()} stops the process: the port is closed, so datagrams to it are dropped by the
 * host ({@code NO_LISTENER}); {@link #restart()} opens it again. The server holds no state
 * between requests, so a restart loses nothing but the requests sent while it was down.
 */
public final class StunServer implements DatagramHandler {

    /** The STUN port, RFC 8489 §18.7 ("stun" over UDP and TCP). */
    public static final int DEFAULT_PORT = 3478;

    private final String name;
    private final Host host;
    private final String interfaceName;
    private final int port;
    private final StunServerOptions options;
    private UdpSocket socket;
    private long requestsReceived;
    private long successResponses;
    private long errorResponses;
    private long discarded;

    /** Starts a server on {@code host}'s interface {@code interfaceName}, UDP port {@code port}. */
    public StunServer(String name, Host host, String interfaceName, int port, StunServerOptions options) {
        if (name == null || host == null || interfaceName == null || options == null) {
            throw new IllegalArgumentException("name, host, interface name and options must not be null, were "
                    + name + ", " + host + ", " + interfaceName + ", " + options);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("STUN server port must be in [1, 65535], was " + port);
        }
        this.name = name;
        this.host = host;
        this.interfaceName = interfaceName;
        this.port = port;
        this.options = options;
        this.socket = host.openUdp(interfaceName, port, this);
    }

    public String name() {
        return name;
    }

    /** The transport address clients send Binding requests to. */
    public TransportAddress address() {
        return new TransportAddress(host.findInterface(interfaceName)
                .orElseThrow(() -> new IllegalStateException(this + ": interface " + interfaceName + " is gone"))
                .address(), port);
    }

    public boolean isRunning() {
        return socket != null;
    }

    /** The process dies: the port closes and requests go unanswered until {@link #restart()}. */
    public void crash() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    /** The process comes back on the same port. Restarting a running server changes nothing. */
    public void restart() {
        if (socket == null) {
            socket = host.openUdp(interfaceName, port, this);
        }
    }

    @Override
    public void onDatagram(UdpSocket from, TransportAddress source, Payload datagram) {
        Payload payload = datagram;
        if (datagram instanceof RawPayload raw) {
            // Bytes off the wire (a scenario injecting a malformed packet): decode them first.
            try {
                payload = Demultiplexer.decode(raw.bytes());
            } catch (StunParseException malformed) {
                Optional<StunMessage> answer = malformed.errorResponse();
                if (answer.isPresent()) {
                    requestsReceived++;
                    errorResponses++;
                    from.send(source, answer.get());
                } else {
                    discarded++;
                }
                return;
            }
        }
        if (!(payload instanceof StunMessage message) || message.stunClass() != StunClass.REQUEST) {
            discarded++;
            return;
        }
        requestsReceived++;
        List<Integer> unknown = StunResponses.unknownComprehensionRequired(message);
        StunMessage response;
        if (!unknown.isEmpty()) {
            response = StunResponses.unknownAttributes(message, unknown, trailer());
        } else if (message.method() != StunMethod.BINDING) {
            response = StunResponses.error(message, ErrorCode.BAD_REQUEST, trailer());
        } else {
            response = StunResponses.bindingSuccess(message, source, options);
        }
        if (response.stunClass() == StunClass.SUCCESS_RESPONSE) {
            successResponses++;
        } else {
            errorResponses++;
        }
        from.send(source, response);
    }

    @Override
    public void onClosed(UdpSocket closed) {
        // The server's interface was removed: the process can no longer be reached.
        socket = null;
    }

    /** Binding requests and other requests received while running. */
    public long requestsReceived() {
        return requestsReceived;
    }

    public long successResponses() {
        return successResponses;
    }

    public long errorResponses() {
        return errorResponses;
    }

    /** Indications, responses and non-STUN datagrams, dropped without a reply. */
    public long discarded() {
        return discarded;
    }

    @Override
    public String toString() {
        return "STUN server " + name + " on " + host.name() + "/" + interfaceName + ":" + port
                + (isRunning() ? "" : " (down)");
    }

    private List<StunAttribute> trailer() {
        return options.fingerprint() ? List.of(StunAttribute.Fingerprint.INSTANCE) : List.of();
    }
}
