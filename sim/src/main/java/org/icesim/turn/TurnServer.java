package org.icesim.turn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.kernel.Durations;
import org.icesim.kernel.Invariant;
import org.icesim.kernel.Scheduler;
import org.icesim.net.Host;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;
import org.icesim.net.UdpSocket;
import org.icesim.net.tcp.TcpCloseReason;
import org.icesim.net.tcp.TcpConnection;
import org.icesim.net.tcp.TcpListener;
import org.icesim.net.tcp.TcpStack;
import org.icesim.net.tcp.TlsVersion;
import org.icesim.stun.ChannelData;
import org.icesim.stun.Demultiplexer;
import org.icesim.stun.RawPayload;
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
import org.icesim.stun.StunKey;
import org.icesim.stun.StunMessage;
import org.icesim.stun.StunMethod;
import org.icesim.stun.StunParseException;
import org.icesim.stun.StunResponses;
import org.icesim.stun.StunServerOptions;
import org.icesim.stun.TransactionId;

/**
 * A TURN server (RFC 8656) on one interface of a host: long-term credentials with a 401 challenge,
 * allocations with lifetimes, Refresh, permissions, channels, relaying between clients and peers,
 * quotas, and crash/restart. It also answers Binding requests, as every TURN server is a STUN
 * server (RFC 8656 §2).
 *
 * <p>Clients reach it over UDP (port 3478), TCP (3478) and TLS (5349), as configured; over TCP
 * and TLS each connection is one 5-tuple and ChannelData is padded to 4 bytes (RFC 8656 §12.5).
 * Each allocation relays from a UDP socket of its own on the server host (an ephemeral port of
 * the same interface). Requests are answered at once; the only delays are the network's.
 *
 * <p>Checks, in the order RFC 8489 and RFC 8656 give them:
 * <ol>
 *   <li>Requests other than Binding are authenticated (RFC 8489 §9.2.4): no MESSAGE-INTEGRITY
 *       → 401 with REALM and a fresh NONCE; USERNAME, REALM or NONCE missing → 400; a stale nonce
 *       → 438 with a fresh NONCE; unknown user or wrong key → 401. Responses to authenticated
 *       requests carry MESSAGE-INTEGRITY.</li>
 *   <li>A comprehension-required attribute the server does not know → 420 listing it (RFC 8489
 *       §6.3.1.1).</li>
 *   <li>Allocate (RFC 8656 §7.2): the 5-tuple has an allocation → 437, unless the request is a
 *       retransmission of the one that created it; REQUESTED-TRANSPORT missing → 400, not UDP →
 *       442; the user's quota → 486; the server's quota, or no free port → 508.</li>
 *   <li>Refresh, CreatePermission, ChannelBind: no allocation on the 5-tuple → 437; another user
 *       than the allocation's → 441 (RFC 8656 §5); missing attributes → 400; ChannelBind of a
 *       channel bound to another peer, or of a peer bound to another channel → 400 (§12.2).</li>
 * </ol>
 * Raw bytes ({@link RawPayload}, a scenario's injected packet) are decoded first: a malformed
 * request gets the 400 or 420 the codec names, other unreadable bytes are dropped and counted.
 * Indications and ChannelData that cannot be relayed are dropped silently and counted
 * ({@link TurnDropReason}); RFC 8656 §11.2 and §12.6 forbid answering them.
 *
 * <p>{@link #crash()} loses every allocation (their relayed ports close) and stops answering;
 * {@link #restart()} starts an empty server with a new nonce secret, so clients that come back
 * get 438 and then 437 for the allocations they believe they have.
 */
public final class TurnServer {

    /** A TURN server relays to or from a peer only under an unexpired permission (RFC 8656 §9). */
    public static final Invariant PERMISSION_INVARIANT = new Invariant("TURN relays only with a valid permission");

    private static final StunServerOptions BINDING_OPTIONS = StunServerOptions.MINIMAL;

    private final String name;
    private final Scheduler scheduler;
    /** Null unless invariant checks are on. */
    private final PermissionLedger ledger;
    private final Host host;
    /** The host's TCP, for the TCP and TLS listeners; null for a UDP-only server. */
    private final TcpStack tcpStack;
    private final String interfaceName;
    private final TurnServerConfig config;
    private final RandomGenerator random;
    private final Realm realm;
    /** User → long-term key for this realm; only looked up. */
    private final Map<String, StunKey> keys = new HashMap<>();
    private final TurnServerCounters counters = new TurnServerCounters();
    /** Insertion-ordered: a crash closes relayed sockets in a fixed order. */
    private final Map<FiveTuple, ServerAllocation> allocations = new LinkedHashMap<>();
    /** User → allocations it holds now; only looked up. */
    private final Map<String, Integer> allocationsByUser = new HashMap<>();
    private final Nonces nonces;
    private RelayBandwidthLimiter limiter;
    private UdpSocket udpSocket;
    private boolean running;

    /**
     * Starts a UDP-only server on {@code host}'s interface {@code interfaceName}. {@code random}
     * draws the nonce secret of each run and the transaction IDs of Data indications.
     */
    public TurnServer(String name, Scheduler scheduler, Host host, String interfaceName, TurnServerConfig config,
            RandomGenerator random) {
        this(name, scheduler, host, null, interfaceName, config, random);
    }

    /**
     * Starts a server on {@code host}'s interface {@code interfaceName}, listening on TCP and TLS
     * (as the config says) through {@code tcpStack}, the host's TCP. The server owns that stack: a
     * crash takes every connection and listener of it down.
     */
    public TurnServer(String name, Scheduler scheduler, Host host, TcpStack tcpStack, String interfaceName,
            TurnServerConfig config, RandomGenerator random) {
        if (name == null || scheduler == null || host == null || interfaceName == null || config == null
                || random == null) {
            throw new IllegalArgumentException("name, scheduler, host, interface name, config and random must not be null");
        }
        if (tcpStack == null && (config.transports().contains(TurnTransport.TCP)
                || config.transports().contains(TurnTransport.TLS))) {
            throw new IllegalArgumentException("TURN server " + name + " listens on " + config.transports()
                    + ": TCP and TLS need the host's TcpStack (use the constructor that takes one)");
        }
        this.name = name;
        this.scheduler = scheduler;
        this.ledger = scheduler.invariants().enabled()
                ? new PermissionLedger(scheduler.invariants(), config.permissionLifetimeNanos())
                : null;
        this.host = host;
        this.tcpStack = tcpStack;
        this.interfaceName = interfaceName;
        this.config = config;
        this.random = random;
        this.realm = new Realm(config.realm());
        config.users().forEach((user, password) -> keys.put(user, StunKey.longTerm(user, config.realm(), password)));
        this.nonces = new Nonces(config.nonceLifetimeNanos(), random.nextInt());
        open();
    }

    public String name() {
        return name;
    }

    public TurnServerConfig config() {
        return config;
    }

    /** Where clients reach the server over {@code transport}. */
    public TransportAddress address(TurnTransport transport) {
        if (!config.transports().contains(transport)) {
            throw new IllegalArgumentException("TURN server " + name + " does not listen on " + transport
                    + " (it listens on " + config.transports() + ")");
        }
        return new TransportAddress(host.findInterface(interfaceName)
                .orElseThrow(() -> new IllegalStateException(this + ": interface " + interfaceName + " is gone"))
                .address(), transport.defaultPort());
    }

    public boolean isRunning() {
        return running;
    }

    /** Allocations held now. */
    public int allocationCount() {
        return allocations.size();
    }

    /** Permissions held by all allocations, expired or not (they expire lazily). */
    public int storedPermissions() {
        int stored = 0;
        for (ServerAllocation allocation : allocations.values()) {
            stored += allocation.storedPermissions();
        }
        return stored;
    }

    /** Channel bindings held by all allocations, expired or not. */
    public int storedChannels() {
        int stored = 0;
        for (ServerAllocation allocation : allocations.values()) {
            stored += allocation.storedChannels();
        }
        return stored;
    }

    public TurnServerCounters counters() {
        return counters;
    }

    /** The allocations that exist now, oldest first. */
    public List<TurnAllocationInfo> allocations() {
        List<TurnAllocationInfo> list = new ArrayList<>(allocations.size());
        for (ServerAllocation allocation : allocations.values()) {
            list.add(new TurnAllocationInfo(allocation.fiveTuple.client(), allocation.fiveTuple.transport(),
                    allocation.username, allocation.relay.localAddress(), allocation.expiresAt));
        }
        return list;
    }

    /**
     * The process dies: every allocation is lost (its relayed port closes), and nothing is answered
     * or relayed until {@link #restart()}.
     */
    public void crash() {
        if (!running) {
            return;
        }
        running = false;
        int lost = allocations.size();
        for (ServerAllocation allocation : allocations.values()) {
            allocation.expiry.cancel();
            allocation.relay.close();
        }
        allocations.clear();
        allocationsByUser.clear();
        if (ledger != null) {
            ledger.clear();
        }
        counters.allocationsLostInCrash(lost);
        if (udpSocket != null) {
            udpSocket.close();
            udpSocket = null;
        }
        if (tcpStack != null) {
            tcpStack.crash();
        }
    }

    /** A new, empty run of the server: new nonce secret, no allocations. Restarting a running server changes nothing. */
    public void restart() {
        if (!running) {
            nonces.renew(random.nextInt());
            open();
        }
    }

    @Override
    public String toString() {
        return "TURN server " + name + " on " + host.name() + "/" + interfaceName + (running ? "" : " (down)");
    }

    private void open() {
        if (config.transports().contains(TurnTransport.UDP)) {
            udpSocket = host.openUdp(interfaceName, TurnTransport.UDP.defaultPort(), this::onUdp);
        }
        if (config.transports().contains(TurnTransport.TCP)) {
            tcpStack.listen(address(TurnTransport.TCP), TlsVersion.NONE,
                    connection -> new StreamClient(connection, TurnTransport.TCP));
        }
        if (config.transports().contains(TurnTransport.TLS)) {
            tcpStack.listen(address(TurnTransport.TLS), config.tlsVersion(),
                    connection -> new StreamClient(connection, TurnTransport.TLS));
        }
        limiter = config.relayBandwidthBitsPerSecond() > 0
                ? new RelayBandwidthLimiter(config.relayBandwidthBitsPerSecond(), config.relayBurstBytes(), scheduler.now())
                : null;
        running = true;
    }

    // ------------------------------------------------------------------------------------------
    // Client side: requests, indications and ChannelData arriving on a listening port

    private void onUdp(UdpSocket socket, TransportAddress from, Payload datagram) {
        onClientPayload(datagram, new FiveTuple(from, socket.localAddress(), TurnTransport.UDP),
                new UdpClientPath(socket, from));
    }

    /** A datagram, or a message on a connection, from the client side of {@code tuple}. */
    private void onClientPayload(Payload received, FiveTuple tuple, ClientPath path) {
        Payload payload = received instanceof RawPayload raw ? decoded(raw, path) : received;
        if (payload instanceof ChannelData channelData) {
            onChannelData(allocations.get(tuple), channelData);
        } else if (payload instanceof StunMessage message) {
            if (message.stunClass() == StunClass.REQUEST) {
                onRequest(message, tuple, path);
            } else if (message.stunClass() == StunClass.INDICATION) {
                onIndication(message, allocations.get(tuple));
            } else {
                counters.drop(TurnDropReason.MALFORMED);
            }
        } else if (payload != null) {
            counters.drop(TurnDropReason.NOT_STUN);
        }
    }

    /**
     * Bytes off the wire (a scenario injecting a malformed packet), decoded; null when they are not
     * a readable message, after answering a malformed request with the 400 or 420 the codec names
     * (RFC 8489 §6.3.1.1) or dropping anything else.
     */
    private Payload decoded(RawPayload raw, ClientPath path) {
        try {
            return Demultiplexer.decode(raw.bytes());
        } catch (StunParseException malformed) {
            Optional<StunMessage> answer = malformed.errorResponse();
            if (answer.isPresent()) {
                respond(path, answer.get());
            } else {
                counters.drop(malformed.defect() == StunParseException.Defect.NOT_STUN
                        ? TurnDropReason.NOT_STUN : TurnDropReason.MALFORMED);
            }
            return null;
        }
    }

    private void onRequest(StunMessage request, FiveTuple tuple, ClientPath path) {
        if (request.method() == StunMethod.BINDING) {
            List<Integer> unknown = StunResponses.unknownComprehensionRequired(request);
            respond(path, unknown.isEmpty()
                    ? StunResponses.bindingSuccess(request, tuple.client(), BINDING_OPTIONS)
                    : StunResponses.unknownAttributes(request, unknown, List.of()));
            return;
        }
        if (request.method() == StunMethod.SEND || request.method() == StunMethod.DATA) {
            // Send and Data exist only as indications (RFC 8656 §11).
            respond(path, StunResponses.error(request, ErrorCode.BAD_REQUEST, List.of()));
            return;
        }
        StunKey key = authenticate(request, path);
        if (key == null) {
            return;
        }
        String username = request.attribute(Username.class).orElseThrow().value();
        List<Integer> unknown = StunResponses.unknownComprehensionRequired(request);
        if (!unknown.isEmpty()) {
            respond(path, StunResponses.unknownAttributes(request, unknown, List.of(new MessageIntegrity(key))));
            return;
        }
        if (request.method() == StunMethod.ALLOCATE) {
            allocate(request, tuple, path, username, key);
            return;
        }
        ServerAllocation allocation = allocations.get(tuple);
        if (allocation == null) {
            reject(path, request, ErrorCode.ALLOCATION_MISMATCH, key);
            return;
        }
        if (!allocation.username.equals(username)) {
            // RFC 8656 §5: requests on an allocation must use the credentials that created it.
            respond(path, StunResponses.error(request, ErrorCode.WRONG_CREDENTIALS, List.of()));
            return;
        }
        switch (request.method()) {
            case REFRESH -> refresh(request, allocation, path);
            case CREATE_PERMISSION -> createPermission(request, allocation, path);
            case CHANNEL_BIND -> channelBind(request, allocation, path);
            default -> throw new IllegalStateException("unhandled TURN method " + request.method());
        }
    }

    /**
     * The long-term credential check (RFC 8489 §9.2.4). Returns the user's key, or null after
     * sending the error response.
     */
    private StunKey authenticate(StunMessage request, ClientPath path) {
        Optional<MessageIntegrity> integrity = request.attribute(MessageIntegrity.class);
        if (integrity.isEmpty()) {
            respond(path, StunResponses.error(request, ErrorCode.UNAUTHORIZED, challenge()));
            return null;
        }
        Optional<Username> username = request.attribute(Username.class);
        Optional<Realm> requestRealm = request.attribute(Realm.class);
        Optional<Nonce> nonce = request.attribute(Nonce.class);
        if (username.isEmpty() || requestRealm.isEmpty() || nonce.isEmpty()) {
            respond(path, StunResponses.error(request, ErrorCode.BAD_REQUEST, List.of()));
            return null;
        }
        if (!nonces.isValid(nonce.get().value(), scheduler.now())) {
            respond(path, StunResponses.error(request, ErrorCode.STALE_NONCE, challenge()));
            return null;
        }
        StunKey expected = keys.get(username.get().value());
        if (expected == null || !requestRealm.get().equals(realm) || !expected.equals(integrity.get().key())) {
            respond(path, StunResponses.error(request, ErrorCode.UNAUTHORIZED, challenge()));
            return null;
        }
        return expected;
    }

    private List<StunAttribute> challenge() {
        return List.of(realm, nonces.issue(scheduler.now()));
    }

    private void allocate(StunMessage request, FiveTuple tuple, ClientPath path, String username, StunKey key) {
        ServerAllocation existing = allocations.get(tuple);
        if (existing != null) {
            if (existing.allocateTransaction.equals(request.transactionId())) {
                path.send(existing.allocateResponse);
            } else {
                reject(path, request, ErrorCode.ALLOCATION_MISMATCH, key);
            }
            return;
        }
        Optional<RequestedTransport> transport = request.attribute(RequestedTransport.class);
        if (transport.isEmpty()) {
            reject(path, request, ErrorCode.BAD_REQUEST, key);
            return;
        }
        if (!transport.get().equals(RequestedTransport.UDP)) {
            reject(path, request, ErrorCode.UNSUPPORTED_TRANSPORT_PROTOCOL, key);
            return;
        }
        if (allocationsByUser.getOrDefault(username, 0) >= config.maxAllocationsPerUser()) {
            reject(path, request, ErrorCode.ALLOCATION_QUOTA_REACHED, key);
            return;
        }
        if (allocations.size() >= config.maxAllocations()) {
            reject(path, request, ErrorCode.INSUFFICIENT_CAPACITY, key);
            return;
        }
        ServerAllocation allocation = new ServerAllocation(tuple, path, username, key, request.transactionId());
        try {
            allocation.relay = host.openUdp(interfaceName, 0,
                    (socket, from, payload) -> onPeerDatagram(allocation, from, payload));
        } catch (IllegalStateException noFreePort) {
            reject(path, request, ErrorCode.INSUFFICIENT_CAPACITY, key);
            return;
        }
        long lifetime = grantedLifetime(request);
        allocations.put(tuple, allocation);
        allocationsByUser.merge(username, 1, Integer::sum);
        counters.allocationCreated();
        scheduleExpiry(allocation, lifetime);
        allocation.allocateResponse = request.respondSuccess(List.of(
                new XorRelayedAddress(allocation.relay.localAddress()),
                lifetimeAttribute(lifetime),
                new XorMappedAddress(tuple.client()),
                new MessageIntegrity(key)));
        path.send(allocation.allocateResponse);
    }

    private void refresh(StunMessage request, ServerAllocation allocation, ClientPath path) {
        Optional<Lifetime> requested = request.attribute(Lifetime.class);
        if (requested.isPresent() && requested.get().seconds() == 0) {
            // RFC 8656 §7.3: a requested lifetime of 0 deletes the allocation at once.
            remove(allocation);
            counters.allocationDeleted();
            respond(path, request.respondSuccess(List.of(new Lifetime(0), new MessageIntegrity(allocation.key))));
            return;
        }
        long lifetime = grantedLifetime(request);
        allocation.expiry.cancel();
        scheduleExpiry(allocation, lifetime);
        respond(path, request.respondSuccess(List.of(lifetimeAttribute(lifetime), new MessageIntegrity(allocation.key))));
    }

    private void createPermission(StunMessage request, ServerAllocation allocation, ClientPath path) {
        long until = scheduler.now() + config.permissionLifetimeNanos();
        boolean any = false;
        for (StunAttribute attribute : request.attributes()) {
            if (attribute instanceof XorPeerAddress peer) {
                // RFC 8656 §9: a permission is for the peer's IP address; the port is ignored.
                allocation.installPermission(peer.address().ip(), until);
                if (ledger != null) {
                    ledger.installed(allocation, peer.address().ip(), scheduler.now());
                }
                any = true;
            }
        }
        if (!any) {
            reject(path, request, ErrorCode.BAD_REQUEST, allocation.key);
            return;
        }
        respond(path, request.respondSuccess(List.of(new MessageIntegrity(allocation.key))));
    }

    private void channelBind(StunMessage request, ServerAllocation allocation, ClientPath path) {
        Optional<ChannelNumber> channel = request.attribute(ChannelNumber.class);
        Optional<XorPeerAddress> peer = request.attribute(XorPeerAddress.class);
        long now = scheduler.now();
        if (channel.isEmpty() || peer.isEmpty() || !allocation.bind(channel.get().channel(), peer.get().address(), now,
                now + config.channelLifetimeNanos())) {
            reject(path, request, ErrorCode.BAD_REQUEST, allocation.key);
            return;
        }
        // RFC 8656 §12.2: binding a channel also installs or refreshes the permission for the peer's IP.
        allocation.installPermission(peer.get().address().ip(), now + config.permissionLifetimeNanos());
        if (ledger != null) {
            ledger.installed(allocation, peer.get().address().ip(), now);
        }
        respond(path, request.respondSuccess(List.of(new MessageIntegrity(allocation.key))));
    }

    /**
     * RFC 8656 §7.2 and §7.3: the lifetime asked for, capped at the maximum, but never less than the
     * default; the default when none is asked for.
     */
    private long grantedLifetime(StunMessage request) {
        Optional<Lifetime> requested = request.attribute(Lifetime.class);
        if (requested.isEmpty()) {
            return config.defaultLifetimeNanos();
        }
        long asked = Durations.seconds(requested.get().seconds());
        return Math.max(config.defaultLifetimeNanos(), Math.min(asked, config.maxLifetimeNanos()));
    }

    private static Lifetime lifetimeAttribute(long nanos) {
        return new Lifetime(nanos / Durations.NANOS_PER_SECOND);
    }

    private void scheduleExpiry(ServerAllocation allocation, long lifetime) {
        allocation.expiresAt = scheduler.now() + lifetime;
        allocation.expiry = scheduler.scheduleAt(allocation.expiresAt, () -> {
            remove(allocation);
            counters.allocationExpired();
        });
    }

    private void remove(ServerAllocation allocation) {
        allocation.expiry.cancel();
        allocation.relay.close();
        allocations.remove(allocation.fiveTuple);
        if (ledger != null) {
            ledger.forget(allocation);
        }
        allocationsByUser.merge(allocation.username, -1, (held, minusOne) -> held == 1 ? null : held + minusOne);
    }

    private void reject(ClientPath path, StunMessage request, ErrorCode error, StunKey key) {
        respond(path, StunResponses.error(request, error, List.of(new MessageIntegrity(key))));
    }

    private void respond(ClientPath path, StunMessage response) {
        if (response.stunClass() == StunClass.ERROR_RESPONSE) {
            counters.errorResponse(response.attribute(ErrorCode.class).orElseThrow().code());
        }
        path.send(response);
    }

    // ------------------------------------------------------------------------------------------
    // Relaying

    /**
     * A Send indication (RFC 8656 §11.2) on {@code allocation} (null: none on its 5-tuple): relayed
     * to the peer if the allocation permits it.
     */
    private void onIndication(StunMessage indication, ServerAllocation allocation) {
        if (indication.method() != StunMethod.SEND) {
            counters.drop(TurnDropReason.MALFORMED);
            return;
        }
        if (allocation == null) {
            counters.drop(TurnDropReason.NO_ALLOCATION);
            return;
        }
        Optional<XorPeerAddress> peer = indication.attribute(XorPeerAddress.class);
        Optional<Data> data = indication.attribute(Data.class);
        if (peer.isEmpty() || data.isEmpty() || !StunResponses.unknownComprehensionRequired(indication).isEmpty()) {
            counters.drop(TurnDropReason.MALFORMED);
            return;
        }
        relayToPeer(allocation, peer.get().address(), data.get().payload());
    }

    /** ChannelData from the client on {@code allocation} (null: none): relayed to the channel's peer (RFC 8656 §12.6). */
    private void onChannelData(ServerAllocation allocation, ChannelData channelData) {
        if (allocation == null) {
            counters.drop(TurnDropReason.NO_ALLOCATION);
            return;
        }
        ChannelBinding binding = allocation.channel(channelData.channel(), scheduler.now());
        if (binding == null) {
            counters.drop(TurnDropReason.NO_CHANNEL);
            return;
        }
        relayToPeer(allocation, binding.peer, channelData.data());
    }

    private void relayToPeer(ServerAllocation allocation, TransportAddress peer, Payload payload) {
        long now = scheduler.now();
        if (!allocation.permits(peer.ip(), now)) {
            counters.drop(TurnDropReason.NO_PERMISSION);
            return;
        }
        if (limiter != null && !limiter.tryConsume(now, payload.size())) {
            counters.drop(TurnDropReason.BANDWIDTH_QUOTA);
            return;
        }
        if (ledger != null) {
            ledger.requireRelayable(this, allocation, peer.ip(), RelayDirection.CLIENT_TO_PEER, now);
        }
        counters.relayed(RelayDirection.CLIENT_TO_PEER, payload.packetCount(), payload.size());
        allocation.relay.send(peer, payload);
    }

    /**
     * A datagram from a peer on an allocation's relayed address (RFC 8656 §11.3, §12.6): with a
     * permission for the peer's IP it goes to the client as ChannelData when a channel is bound to
     * the peer, as a Data indication otherwise.
     */
    private void onPeerDatagram(ServerAllocation allocation, TransportAddress peer, Payload payload) {
        long now = scheduler.now();
        if (!allocation.permits(peer.ip(), now)) {
            counters.drop(TurnDropReason.NO_PERMISSION);
            return;
        }
        if (limiter != null && !limiter.tryConsume(now, payload.size())) {
            counters.drop(TurnDropReason.BANDWIDTH_QUOTA);
            return;
        }
        ChannelBinding binding = allocation.channelFor(peer, now);
        Payload toClient = binding != null
                ? new ChannelData(binding.number, payload)
                : StunMessage.indication(StunMethod.DATA, TransactionId.random(random),
                        List.of(new XorPeerAddress(peer), new Data(payload)));
        if (ledger != null) {
            ledger.requireRelayable(this, allocation, peer.ip(), RelayDirection.PEER_TO_CLIENT, now);
        }
        counters.relayed(RelayDirection.PEER_TO_CLIENT, payload.packetCount(), payload.size());
        allocation.path.send(toClient);
    }

    /**
     * One client connection over TCP or TLS: its own 5-tuple and way back. Messages on the stream
     * are handled as datagrams are; ChannelData travels padded (RFC 8656 §12.5). An allocation made
     * on a connection is deleted when the connection closes, since its 5-tuple cannot be used again.
     */
    private final class StreamClient implements TcpListener, ClientPath {
        private final TcpConnection connection;
        private final FiveTuple tuple;

        StreamClient(TcpConnection connection, TurnTransport transport) {
            this.connection = connection;
            this.tuple = new FiveTuple(connection.remoteAddress(), connection.localAddress(), transport);
        }

        @Override
        public void send(Payload payload) {
            if (connection.isConnected()) {
                connection.send(ChannelDataOverStream.framed(payload));
            }
        }

        @Override
        public void onMessage(TcpConnection from, Payload message) {
            onClientPayload(ChannelDataOverStream.unframed(message), tuple, this);
        }

        @Override
        public void onClosed(TcpConnection closed, TcpCloseReason reason) {
            ServerAllocation allocation = allocations.get(tuple);
            if (allocation != null) {
                remove(allocation);
                counters.allocationDeleted();
            }
        }
    }

    /** The way back to a UDP client: the listening socket, to the client's address as seen. */
    private record UdpClientPath(UdpSocket socket, TransportAddress client) implements ClientPath {
        @Override
        public void send(Payload payload) {
            if (!socket.isClosed()) {
                socket.send(client, payload);
            }
        }
    }
}
