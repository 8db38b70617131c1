package org.icesim.turn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.kernel.Durations;
import org.icesim.kernel.Scheduler;
import org.icesim.kernel.Timer;
import org.icesim.net.Host;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;
import org.icesim.net.tcp.TcpStack;
import org.icesim.net.tcp.TlsVersion;
import org.icesim.stun.ChannelData;
import org.icesim.stun.StunAttribute;
import org.icesim.stun.StunAttribute.ChannelNumber;
import org.icesim.stun.StunAttribute.Data;
import org.icesim.stun.StunAttribute.ErrorCode;
import org.icesim.stun.StunAttribute.Lifetime;
import org.icesim.stun.StunAttribute.MessageIntegrity;
import org.icesim.stun.StunAttribute.Nonce;
import org.icesim.stun.StunAttribute.Realm;
import org.icesim.stun.StunAttribute.RequestedTransport;
import org.icesim.stun.StunAttribute.Username;
import org.icesim.stun.StunAttribute.XorMappedAddress;
import org.icesim.stun.StunAttribute.XorPeerAddress;
import org.icesim.stun.StunAttribute.XorRelayedAddress;
import org.icesim.stun.StunClass;
import org.icesim.stun.StunClientTransactions;
import org.icesim.stun.StunClientTransactions.Delivery;
import org.icesim.stun.StunKey;
import org.icesim.stun.StunMessage;
import org.icesim.stun.StunMethod;
import org.icesim.stun.StunOutcome;
import org.icesim.stun.TransactionId;

/**
 * A TURN client holding one allocation (RFC 8656), as a WebRTC endpoint does for each relayed
 * candidate. States are {@link TurnAllocationState}; every change is reported to the listener.
 *
 * <p>Allocation: Allocate without credentials, 401 with REALM and NONCE, Allocate again with
 * USERNAME, REALM, NONCE and MESSAGE-INTEGRITY (RFC 8656 §7.1): two round trips over UDP. Then the
 * client keeps it alive: a Refresh {@link TurnClientConfig#refreshDelay before expiry}, each
 * permission re-created and each channel re-bound on their own intervals.
 *
 * <p>Errors: 438 Stale Nonce → the same request again at once with the new nonce (RFC 8489 §9.2.5),
 * a bounded number of times; 437 on Allocate → Allocate again from a new local port, at most
 * {@link TurnClientConfig#maxMismatchRetries} times (libwebrtc); 437 on any later request → the
 * server lost the allocation; 401 after credentials, 441, 442, 486, 508, other codes and timeouts
 * → {@link TurnAllocationState#FAILED} with a {@link TurnFailure}. A CreatePermission or
 * ChannelBind that fails otherwise than with 437 (or times out) drops only that permission or
 * channel, as libwebrtc prunes only the connections that used it.
 *
 * <p>Data: {@link #send} uses ChannelData once a channel to the peer is bound (4 bytes of overhead,
 * RFC 8656 §12.4), a Send indication otherwise (36 bytes for an IPv4 peer, §11). Inbound Data
 * indications and ChannelData reach the listener with the peer's address. {@link #close()} deletes
 * the allocation with a Refresh of LIFETIME 0 (RFC 8656 §7.3).
 */
public final class TurnClient {

    private final Scheduler scheduler;
    private final TurnClientConfig config;
    private final ServerConnection connection;
    private final RandomGenerator random;
    private final TurnClientListener listener;
    private final StunClientTransactions transactions;
    private final Username username;
    private final Map<Ipv4Address, Permission> permissions = new LinkedHashMap<>();
    private final Map<TransportAddress, Channel> channels = new LinkedHashMap<>();
    /** Channel number → channel; only looked up. */
    private final ChannelNumbers<Channel> channelsByNumber = new ChannelNumbers<>();
    /**
     * The channel {@link #channelTo} found last, while it is in {@link #channels}: media goes to
     * one peer packet after packet, and comparing its address is cheaper than hashing it.
     */
    private Channel lastChannel;
    private TurnAllocationState state = TurnAllocationState.IDLE;
    private TurnFailure failure;
    private Realm realm;
    private Nonce nonce;
    private StunKey key;
    private TransportAddress relayed;
    private TransportAddress mapped;
    private long lifetimeNanos;
    private Timer refreshTimer;
    private int mismatchRetries;
    private int nextChannel = ChannelData.MIN_CHANNEL;

    TurnClient(Scheduler scheduler, TurnClientConfig config, ServerConnection connection, RandomGenerator random,
            TurnClientListener listener) {
        if (scheduler == null || config == null || random == null || listener == null) {
            throw new IllegalArgumentException("scheduler, config, random and listener must not be null");
        }
        this.scheduler = scheduler;
        this.config = config;
        this.connection = connection;
        this.random = random;
        this.listener = listener;
        this.username = new Username(config.username());
        Delivery delivery = config.transport().isReliable() ? Delivery.RELIABLE : Delivery.UNRELIABLE;
        this.transactions = new StunClientTransactions(scheduler, config.transactions(), delivery,
                (destination, message) -> connection.send(message));
    }

    /**
     * A client reaching its server over UDP from {@code host}'s interface {@code interfaceName},
     * local port {@code localPort} (0: an ephemeral port). {@code random} draws transaction IDs.
     */
    public static TurnClient overUdp(Scheduler scheduler, Host host, String interfaceName, int localPort,
            TurnClientConfig config, RandomGenerator random, TurnClientListener listener) {
        if (config.transport() != TurnTransport.UDP) {
            throw new IllegalArgumentException("overUdp needs a UDP config, transport was " + config.transport());
        }
        return new TurnClient(scheduler, config, new UdpServerConnection(host, interfaceName, localPort, config.server()),
                random, listener);
    }

    /**
     * A client reaching its server over TCP or TLS ({@code config.transport()}) through {@code host}'s
     * TCP stack, from interface {@code interfaceName}, local port {@code localPort} (0: one drawn
     * from {@code random} in the ephemeral range). The first Allocate leaves once the TCP (and TLS)
     * handshakes are done; requests are sent once and time out after Ti (RFC 8489 §6.2.2).
     */
    public static TurnClient overTcp(Scheduler scheduler, Host host, TcpStack stack, String interfaceName, int localPort,
            TurnClientConfig config, RandomGenerator random, TurnClientListener listener) {
        if (config.transport() == TurnTransport.UDP) {
            throw new IllegalArgumentException("overTcp needs a TCP or TLS config, transport was UDP");
        }
        TlsVersion tls = config.transport() == TurnTransport.TLS ? config.tlsVersion() : TlsVersion.NONE;
        return new TurnClient(scheduler, config, new TcpServerConnection(host, stack, interfaceName, localPort,
                config.server(), config.transport(), tls, random), random, listener);
    }

    public TurnClientConfig config() {
        return config;
    }

    public TurnAllocationState state() {
        return state;
    }

    /** Why the client failed; empty unless {@link #state()} is FAILED. */
    public Optional<TurnFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /** The relayed transport address, once allocated. */
    public Optional<TransportAddress> relayedAddress() {
        return Optional.ofNullable(relayed);
    }

    /** The client's address as the server saw it (XOR-MAPPED-ADDRESS of the Allocate response). */
    public Optional<TransportAddress> mappedAddress() {
        return Optional.ofNullable(mapped);
    }

    /** The lifetime the server granted in its last Allocate or Refresh response. */
    public long lifetimeNanos() {
        return lifetimeNanos;
    }

    /** The local transport address toward the server (changes after a 437 retry); null before {@link #allocate()}. */
    public TransportAddress localAddress() {
        return connection.localAddress();
    }

    /** Whether a channel to {@code peer} is bound, so that {@link #send} uses ChannelData. */
    public boolean isChannelBound(TransportAddress peer) {
        Channel channel = channels.get(peer);
        return channel != null && channel.bound;
    }

    /** Whether a permission for {@code peer} has been confirmed by the server. */
    public boolean hasPermission(Ipv4Address peer) {
        Permission permission = permissions.get(peer);
        return permission != null && permission.active;
    }

    /** Starts: opens the path to the server and sends the first Allocate. */
    public void allocate() {
        if (state != TurnAllocationState.IDLE) {
            throw new IllegalStateException("allocate() needs state IDLE, was " + state);
        }
        transition(TurnAllocationState.CONNECTING);
        connection.open(new ConnectionEvents());
    }

    /**
     * Asks for a permission for {@code peer} (RFC 8656 §9) and keeps it alive until the client
     * closes. Asking again for the same IP does nothing.
     */
    public void createPermission(Ipv4Address peer) {
        requireUsable("createPermission");
        if (permissions.containsKey(peer)) {
            return;
        }
        Permission permission = new Permission(peer);
        permissions.put(peer, permission);
        sendCreatePermission(permission);
    }

    /**
     * Binds the next free channel number to {@code peer} (RFC 8656 §12) and keeps it bound; returns
     * the number. Numbers are never reused, so no binding can clash with one that just expired.
     */
    public int bindChannel(TransportAddress peer) {
        requireUsable("bindChannel");
        Channel existing = channels.get(peer);
        if (existing != null) {
            return existing.number;
        }
        if (nextChannel > ChannelData.MAX_CHANNEL) {
            throw new IllegalStateException("every channel number (0x4000..0x4FFF) has been used on this allocation");
        }
        Channel channel = new Channel(nextChannel++, peer);
        channels.put(peer, channel);
        channelsByNumber.put(channel.number, channel);
        sendChannelBind(channel);
        return channel.number;
    }

    /**
     * Relays {@code payload} to {@code peer}: ChannelData if a channel is bound, else a Send
     * indication. Returns false (and sends nothing) when the allocation is not usable. Without a
     * permission for the peer the server drops it.
     */
    public boolean send(TransportAddress peer, Payload payload) {
        if (!state.isUsable()) {
            return false;
        }
        Channel channel = channelTo(peer);
        if (channel != null && channel.bound) {
            connection.send(new ChannelData(channel.number, payload));
        } else {
            connection.send(StunMessage.indication(StunMethod.SEND, TransactionId.random(random),
                    List.of(new XorPeerAddress(peer), new Data(payload))));
        }
        return true;
    }

    /**
     * Ends the client. An allocation that exists is deleted with a Refresh of LIFETIME 0 (RFC 8656
     * §7.3); the path closes when that transaction ends, however it ends. The listener hears the
     * change to CLOSED and nothing after it.
     */
    public void close() {
        if (state == TurnAllocationState.CLOSED || state == TurnAllocationState.FAILED) {
            return;
        }
        boolean allocated = state.isUsable();
        stopEverything();
        transition(TurnAllocationState.CLOSED);
        if (allocated) {
            new AuthenticatedRequest(StunMethod.REFRESH, List.of(new Lifetime(0)),
                    ResponseHandler.whatever(connection::close)).send();
        } else {
            connection.close();
        }
    }

    @Override
    public String toString() {
        return "TURN client " + connection.localAddress() + " -> " + config.server() + " (" + config.transport() + ", "
                + state + ")";
    }

    // ------------------------------------------------------------------------------------------
    // Allocate and Refresh

    private void sendAllocate() {
        List<StunAttribute> body = config.requestedLifetimeSeconds() > 0
                ? List.of(RequestedTransport.UDP, new Lifetime(config.requestedLifetimeSeconds()))
                : List.of(RequestedTransport.UDP);
        new AuthenticatedRequest(StunMethod.ALLOCATE, body, new ResponseHandler() {
            @Override
            public void onSuccess(StunMessage response) {
                Optional<XorRelayedAddress> relayedAttribute = response.attribute(XorRelayedAddress.class);
                Optional<XorMappedAddress> mappedAttribute = response.attribute(XorMappedAddress.class);
                Optional<Lifetime> lifetime = response.attribute(Lifetime.class);
                if (relayedAttribute.isEmpty() || mappedAttribute.isEmpty() || lifetime.isEmpty()) {
                    fail(TurnFailure.BAD_RESPONSE);
                    return;
                }
                relayed = relayedAttribute.get().address();
                mapped = mappedAttribute.get().address();
                allocatedFor(lifetime.get());
                listener.onAllocated(TurnClient.this, relayed, mapped);
            }

            @Override
            public void onError(ErrorCode error) {
                if (error.code() == 437 && mismatchRetries < config.maxMismatchRetries()) {
                    // libwebrtc (turn_port.cc): another client's allocation holds this 5-tuple;
                    // start over from a new local port.
                    mismatchRetries++;
                    transition(TurnAllocationState.CONNECTING);
                    connection.reopen();
                } else {
                    fail(TurnFailure.ofAllocateError(error.code()));
                }
            }

            @Override
            public void onTimeout() {
                fail(TurnFailure.TIMEOUT);
            }
        }).send();
    }

    private void allocatedFor(Lifetime lifetime) {
        lifetimeNanos = Durations.seconds(lifetime.seconds());
        transition(TurnAllocationState.ALLOCATED);
        refreshTimer = scheduler.schedule(config.refreshDelay(lifetimeNanos), this::sendRefresh);
    }

    private void sendRefresh() {
        transition(TurnAllocationState.REFRESHING);
        List<StunAttribute> body = config.requestedLifetimeSeconds() > 0
                ? List.of(new Lifetime(config.requestedLifetimeSeconds()))
                : List.of();
        new AuthenticatedRequest(StunMethod.REFRESH, body, new ResponseHandler() {
            @Override
            public void onSuccess(StunMessage response) {
                Optional<Lifetime> lifetime = response.attribute(Lifetime.class);
                if (lifetime.isEmpty()) {
                    fail(TurnFailure.BAD_RESPONSE);
                    return;
                }
                allocatedFor(lifetime.get());
            }

            @Override
            public void onError(ErrorCode error) {
                fail(TurnFailure.ofAllocationError(error.code()));
            }

            @Override
            public void onTimeout() {
                fail(TurnFailure.TIMEOUT);
            }
        }).send();
    }

    // ------------------------------------------------------------------------------------------
    // Permissions and channels

    private void sendCreatePermission(Permission permission) {
        // RFC 8656 §9: the permission is for the IP address; the port in XOR-PEER-ADDRESS is ignored.
        List<StunAttribute> body = List.of(new XorPeerAddress(new TransportAddress(permission.peer, 0)));
        new AuthenticatedRequest(StunMethod.CREATE_PERMISSION, body, new ResponseHandler() {
            @Override
            public void onSuccess(StunMessage response) {
                boolean first = !permission.active;
                permission.active = true;
                permission.refresh = scheduler.schedule(config.permissionRefreshNanos(),
                        () -> sendCreatePermission(permission));
                if (first) {
                    listener.onPermissionCreated(TurnClient.this, permission.peer);
                }
            }

            @Override
            public void onError(ErrorCode error) {
                if (error.code() == 437) {
                    fail(TurnFailure.ALLOCATION_LOST);
                } else {
                    dropPermission(TurnFailure.ofAllocationError(error.code()));
                }
            }

            @Override
            public void onTimeout() {
                dropPermission(TurnFailure.TIMEOUT);
            }

            private void dropPermission(TurnFailure reason) {
                permissions.remove(permission.peer);
                listener.onPermissionFailed(TurnClient.this, permission.peer, reason);
            }
        }).send();
    }

    private void sendChannelBind(Channel channel) {
        List<StunAttribute> body = List.of(new ChannelNumber(channel.number), new XorPeerAddress(channel.peer));
        new AuthenticatedRequest(StunMethod.CHANNEL_BIND, body, new ResponseHandler() {
            @Override
            public void onSuccess(StunMessage response) {
                boolean first = !channel.bound;
                channel.bound = true;
                channel.refresh = scheduler.schedule(config.channelRefreshNanos(), () -> sendChannelBind(channel));
                if (first) {
                    listener.onChannelBound(TurnClient.this, channel.peer, channel.number);
                }
            }

            @Override
            public void onError(ErrorCode error) {
                if (error.code() == 437) {
                    fail(TurnFailure.ALLOCATION_LOST);
                } else {
                    dropChannel(TurnFailure.ofAllocationError(error.code()));
                }
            }

            @Override
            public void onTimeout() {
                dropChannel(TurnFailure.TIMEOUT);
            }

            private void dropChannel(TurnFailure reason) {
                channels.remove(channel.peer);
                if (lastChannel == channel) {
                    lastChannel = null;
                }
                channelsByNumber.remove(channel.number);
                listener.onChannelBindFailed(TurnClient.this, channel.peer, reason);
            }
        }).send();
    }

    /** The channel to {@code peer}, bound or being bound, or {@code null}. */
    private Channel channelTo(TransportAddress peer) {
        Channel channel = lastChannel;
        if (channel == null || !channel.peer.equals(peer)) {
            channel = channels.get(peer);
            if (channel != null) {
                lastChannel = channel;
            }
        }
        return channel;
    }

    // ------------------------------------------------------------------------------------------
    // Inbound

    private void onReceive(Payload payload) {
        if (payload instanceof ChannelData channelData) {
            Channel channel = channelsByNumber.get(channelData.channel());
            if (channel != null && state.isUsable()) {
                listener.onData(this, channel.peer, channelData.data());
            }
        } else if (payload instanceof StunMessage message) {
            if (message.stunClass().isResponse()) {
                transactions.onResponse(config.server(), message);
            } else if (message.stunClass() == StunClass.INDICATION && message.method() == StunMethod.DATA
                    && state.isUsable()) {
                Optional<XorPeerAddress> peer = message.attribute(XorPeerAddress.class);
                Optional<Data> data = message.attribute(Data.class);
                if (peer.isPresent() && data.isPresent()) {
                    listener.onData(this, peer.get().address(), data.get().payload());
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // State

    private void transition(TurnAllocationState next) {
        if (next != state) {
            state = next;
            listener.onStateChanged(this, next);
        }
    }

    private void fail(TurnFailure reason) {
        if (state == TurnAllocationState.FAILED || state == TurnAllocationState.CLOSED) {
            return;
        }
        stopEverything();
        connection.close();
        failure = reason;
        transition(TurnAllocationState.FAILED);
        listener.onFailed(this, reason);
    }

    /** Cancels every timer and running transaction. */
    private void stopEverything() {
        if (refreshTimer != null) {
            refreshTimer.cancel();
        }
        for (Permission permission : permissions.values()) {
            if (permission.refresh != null) {
                permission.refresh.cancel();
            }
        }
        for (Channel channel : channels.values()) {
            if (channel.refresh != null) {
                channel.refresh.cancel();
            }
        }
        transactions.cancelAll();
    }

    private void requireUsable(String operation) {
        if (!state.isUsable()) {
            throw new IllegalStateException(operation + " needs an allocation (state ALLOCATED or REFRESHING), state was "
                    + state);
        }
    }

    private void learnCredentials(StunMessage response) {
        response.attribute(Realm.class).ifPresent(newRealm -> {
            if (!newRealm.equals(realm)) {
                realm = newRealm;
                key = StunKey.longTerm(config.username(), newRealm.value(), config.password());
            }
        });
        response.attribute(Nonce.class).ifPresent(newNonce -> nonce = newNonce);
    }

    private final class ConnectionEvents implements ServerConnection.Events {
        @Override
        public void onOpen() {
            if (state == TurnAllocationState.CONNECTING) {
                transition(TurnAllocationState.ALLOCATING);
                sendAllocate();
            }
        }

        @Override
        public void onReceive(Payload payload) {
            TurnClient.this.onReceive(payload);
        }

        @Override
        public void onLost() {
            fail(TurnFailure.CONNECTION_LOST);
        }
    }

    /** What to do with the final outcome of a request, after the client's own retries. */
    private interface ResponseHandler {
        void onSuccess(StunMessage response);

        void onError(ErrorCode error);

        void onTimeout();

        /** The same action for every outcome. */
        static ResponseHandler whatever(Runnable action) {
            return new ResponseHandler() {
                @Override
                public void onSuccess(StunMessage response) {
                    action.run();
                }

                @Override
                public void onError(ErrorCode error) {
                    action.run();
                }

                @Override
                public void onTimeout() {
                    action.run();
                }
            };
        }
    }

    /**
     * One request with the long-term credential mechanism (RFC 8489 §9.2.5): sent with USERNAME,
     * REALM, NONCE and MESSAGE-INTEGRITY once the realm is known (without them before: the first
     * Allocate); a 401 to a request without credentials, or a 438, brings the realm and nonce to
     * send it again with, each time as a new transaction.
     */
    private final class AuthenticatedRequest {
        private final StunMethod method;
        private final List<StunAttribute> body;
        private final ResponseHandler handler;
        private int staleNonceRetries;
        private boolean sentWithCredentials;

        AuthenticatedRequest(StunMethod method, List<StunAttribute> body, ResponseHandler handler) {
            this.method = method;
            this.body = body;
            this.handler = handler;
        }

        void send() {
            sentWithCredentials = key != null;
            List<StunAttribute> attributes = new ArrayList<>(body.size() + 4);
            attributes.addAll(body);
            if (sentWithCredentials) {
                attributes.add(username);
                attributes.add(realm);
                attributes.add(nonce);
                attributes.add(new MessageIntegrity(key));
            }
            StunMessage request = StunMessage.request(method, TransactionId.random(random), attributes);
            transactions.send(config.server(), request, this::onOutcome);
        }

        private void onOutcome(StunOutcome outcome) {
            if (outcome instanceof StunOutcome.Success success) {
                handler.onSuccess(success.response());
            } else if (outcome instanceof StunOutcome.ErrorResponse error) {
                boolean challenge = error.code() == 401 && !sentWithCredentials;
                boolean stale = error.code() == 438 && staleNonceRetries < config.maxStaleNonceRetries();
                if (challenge || stale) {
                    if (stale) {
                        staleNonceRetries++;
                    }
                    learnCredentials(error.response());
                    if (key != null && nonce != null) {
                        send();
                        return;
                    }
                }
                handler.onError(error.error());
            } else {
                handler.onTimeout();
            }
        }
    }

    /** A permission the client keeps alive (RFC 8656 §9). */
    private static final class Permission {
        final Ipv4Address peer;
        boolean active;
        Timer refresh;

        Permission(Ipv4Address peer) {
            this.peer = peer;
        }
    }

    /** A channel the client keeps bound (RFC 8656 §12). */
    private static final class Channel {
        final int number;
        final TransportAddress peer;
        boolean bound;
        Timer refresh;

        Channel(int number, TransportAddress peer) {
            this.number = number;
            this.peer = peer;
        }
    }
}
