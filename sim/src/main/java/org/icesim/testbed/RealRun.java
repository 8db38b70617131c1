package org.icesim.testbed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.icesim.metrics.EventDetail;
import org.icesim.metrics.RecordedEvent;
import org.icesim.metrics.RunOutput;
import org.icesim.net.LinkParams;
import org.icesim.scenario.AnchoredAction;
import org.icesim.scenario.PeerSpec;
import org.icesim.scenario.Scenario;
import org.icesim.scenario.ServerSpec;
import org.icesim.scenario.TimelineAction;
import org.icesim.scenario.yaml.Quantities;

/**
 * One run of a scenario on real stacks, in real time: builds the namespaces, starts the delay
 * helpers, the signaling server, coturn and the peers, gives the peers their zero instant,
 * applies the timeline at its instants (each fault marked just before the command that applies
 * it) and, at the end, computes the run's metrics from what the peers reported. {@link #close()}
 * stops every process and removes every namespace, whatever happened.
 */
final class RealRun implements AutoCloseable {

    /** Time for the peers to load and report ready (browsers start slowly on a loaded machine). */
    private static final long READY_SECONDS = 90;
    /** The zero instant lies this far after the start command, so both peers have it in time. */
    private static final long START_LEAD_MICROS = 1_500_000;
    /**
     * How often the timeline looks for the events its anchored entries wait for: well under a
     * round trip of the fidelity suite (20 ms at the least), so the action runs within that of its
     * instant.
     */
    private static final long ANCHOR_POLL_NANOS = 5_000_000;

    private final Scenario scenario;
    private final Stack stack;
    private final Path raw;
    private final Path cache;
    private final boolean capture;
    private final NetworkPlan plan;
    private final PrintWriter log;
    private final Processes processes;
    private final Map<NetworkPlan.DelayQueue, Process> helpers = new HashMap<>();
    private final Map<String, Process> coturns = new HashMap<>();
    private final Map<String, RealPeer> peers = new LinkedHashMap<>();
    private final Map<NetworkPlan.Attachment, LinkParams> links = new HashMap<>();
    private final Map<String, Integer> natAddresses = new HashMap<>();
    private final List<RecordedEvent> world = new ArrayList<>();
    private final AtomicLong relayed = new AtomicLong();
    private long zeroMicros;
    private String version = "unknown";
    private boolean closed;

    RealRun(Scenario scenario, Stack stack, String prefix, Path raw, Path cache, boolean capture) throws IOException {
        this.scenario = scenario;
        this.stack = stack;
        this.raw = raw;
        this.cache = cache;
        this.capture = capture;
        this.plan = new NetworkPlan(prefix, scenario);
        Files.createDirectories(raw);
        this.log = new PrintWriter(Files.newBufferedWriter(raw.resolve("testbed.log"), StandardCharsets.UTF_8));
        this.processes = new Processes(log);
    }

    String version() {
        return version;
    }

    RunOutput execute() throws TestbedException, InterruptedException, IOException {
        Builds builds = new Builds(cache, processes);
        Path helper = builds.nfqdelay();
        Path pion = stack == Stack.PION ? builds.pion() : null;
        processes.runAll(plan.setup());
        for (NetworkPlan.DelayQueue queue : plan.queues()) {
            Process process = processes.start(Launches.helper(helper, queue), Map.of(), raw.resolve("helpers.log"), true);
            awaitLine(process, "ready", "the delay helper of queue " + queue.number() + " in " + queue.namespace());
            helpers.put(queue, process);
        }
        startSignaling();
        for (NetworkPlan.ServerPlan server : plan.servers().values()) {
            if (!(server.spec() instanceof ServerSpec.Signaling)) {
                startCoturn(server);
            }
        }
        for (PeerSpec peer : scenario.peers().values()) {
            startPeer(peer, pion);
        }
        for (RealPeer peer : peers.values()) {
            version = peer.awaitReady(READY_SECONDS);
        }
        zeroMicros = nowMicros() + START_LEAD_MICROS;
        for (RealPeer peer : peers.values()) {
            peer.send("start " + zeroMicros);
        }
        playTimeline();
        sleepUntil(scenario.durationNanos());
        for (RealPeer peer : peers.values()) {
            if (peer.error() != null) {
                throw new TestbedException(peer.name() + " reported an error: " + peer.error());
            }
        }
        Map<String, List<PeerLine>> lines = new LinkedHashMap<>();
        lines.put(scenario.call().caller(), peers.get(scenario.call().caller()).lines());
        lines.put(scenario.call().callee(), peers.get(scenario.call().callee()).lines());
        return RealEvents.compute(zeroMicros, scenario.durationNanos(), scenario.interruptionThresholdNanos(), world,
                lines, relayed.get());
    }

    private void startSignaling() throws TestbedException, InterruptedException {
        Process process = processes.start(Launches.java(plan.coreNamespace(), SignalingService.class,
                NetworkPlan.SIGNALING_ADDRESS, Integer.toString(NetworkPlan.SIGNALING_PORT),
                Long.toString(Launches.signalingClient(scenario).holdNanos() / 1_000_000)), Map.of(),
                raw.resolve("signaling.log"), true);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals("ready")) {
                        ready.countDown();
                    } else if (line.startsWith("relayed ")) {
                        relayed.set(Long.parseLong(line.substring(8).strip()));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                processes.logLine("signaling output: " + e);
            }
        }, "testbed-signaling");
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new TestbedException("the signaling server did not start within 60 s (see signaling.log)");
        }
    }

    private void startCoturn(NetworkPlan.ServerPlan server) throws TestbedException, InterruptedException {
        coturns.put(server.name(), processes.start(Launches.coturn(plan.coreNamespace(), server, raw), Map.of(),
                raw.resolve("coturn-" + server.name() + ".log"), false));
        // coturn prints no single "ready" line; its UDP listener is up well within this.
        Thread.sleep(500);
    }

    private void startPeer(PeerSpec spec, Path pion) throws TestbedException, InterruptedException, IOException {
        String namespace = plan.hostNamespace(spec.name());
        if (capture) {
            // Recorded where the stack's own socket sends and receives: its pings leave at the instant it
            // sends them, and arrivals show before the downstream delay queue holds them.
            processes.start(Launches.capture(namespace, raw.resolve(spec.name() + ".pcapng")), Map.of(),
                    raw.resolve(spec.name() + ".capture.log"), false);
        }
        String config = Launches.peerConfig(scenario, plan, spec, stack);
        PrintWriter events = new PrintWriter(Files.newBufferedWriter(raw.resolve(spec.name() + ".events.log"),
                StandardCharsets.UTF_8), true);
        Path output = raw.resolve(spec.name() + ".log");
        if (stack == Stack.PION) {
            Path file = raw.resolve(spec.name() + ".config.json");
            Files.writeString(file, config);
            Process process = processes.start(Launches.pion(namespace, pion, file), Map.of(), output, true);
            peers.put(spec.name(), new RealPeer(spec.name(), process, events));
            return;
        }
        Process agent = processes.start(Launches.java(namespace, PeerControlAgent.class,
                Integer.toString(Launches.AGENT_PORT)), Map.of(), raw.resolve(spec.name() + ".agent.log"), true);
        RealPeer peer = new RealPeer(spec.name(), agent, events);
        peers.put(spec.name(), peer);
        peer.awaitListening(60);
        Path profile = raw.resolve(spec.name() + "-profile");
        Files.createDirectories(profile);
        String url = Launches.pageUrl(config);
        if (stack == Stack.CHROMIUM) {
            processes.start(Launches.chromium(namespace, profile, url), Map.of(), output, false);
        } else {
            Files.writeString(profile.resolve("user.js"), Launches.firefoxPreferences());
            Path home = raw.resolve(spec.name() + "-home");
            Files.createDirectories(home);
            processes.start(Launches.firefox(namespace, profile, url), Launches.firefoxEnvironment(home), output, false);
        }
    }

    // ---------------------------------------------------------------- the timeline

    /** An action due at an instant; the end of a signaling outage is one too. */
    private record Due(long atNanos, int order, TimelineAction action, String outageServer) {
    }

    /**
     * Plays the timeline: the actions at fixed instants as they fall due, and each action at an
     * event its offset after the event, once a peer has reported it (polled every
     * {@link #ANCHOR_POLL_NANOS}, so an action whose instant passed before the report was read runs at
     * once; its fault mark has the instant it really ran, which is what the metrics count from).
     */
    private void playTimeline() throws TestbedException, InterruptedException {
        PriorityQueue<Due> due = new PriorityQueue<>((a, b) -> a.atNanos() != b.atNanos()
                ? Long.compare(a.atNanos(), b.atNanos()) : Integer.compare(a.order(), b.order()));
        int order = 0;
        for (TimelineAction action : scenario.timeline()) {
            due.add(new Due(action.atNanos(), order++, action, null));
        }
        List<AnchoredAction> waiting = new ArrayList<>(scenario.anchoredTimeline());
        while (!due.isEmpty() || !waiting.isEmpty()) {
            order = scheduleAnchored(waiting, due, order);
            Due next = due.peek();
            long poll = waiting.isEmpty() ? Long.MAX_VALUE : runNanos() + ANCHOR_POLL_NANOS;
            if (next == null || next.atNanos() > poll) {
                if (poll > scenario.durationNanos()) {
                    break;
                }
                sleepUntil(poll);
                continue;
            }
            due.poll();
            if (next.atNanos() > scenario.durationNanos()) {
                break;
            }
            sleepUntil(next.atNanos());
            if (next.action() == null) {
                mark(new EventDetail.Repair("signaling-back " + next.outageServer()));
                processes.run(plan.signalingBlock(false));
                continue;
            }
            TimelineAction action = next.action();
            String change = action.action() + " " + action.target();
            mark(action.isFault() ? new EventDetail.Fault(change) : new EventDetail.Repair(change));
            apply(action);
            if (action instanceof TimelineAction.SignalingOutage outage) {
                due.add(new Due(next.atNanos() + outage.durationNanos(), order++, null, signalingName()));
            }
        }
        for (AnchoredAction entry : waiting) {
            mark(new EventDetail.NotApplied(entry.describe() + ": " + entry.anchor().eventDescription() + " never happened"));
        }
        // Only an action at an event can be left due: the others are at most at the end of the run.
        for (Due left : due) {
            if (left.action() != null) {
                mark(new EventDetail.NotApplied(left.action().action() + " " + left.action().target() + ": due at "
                        + Quantities.formatDuration(left.atNanos()) + ", after the end of the run"));
            }
        }
    }

    /** Moves the entries whose event a peer has reported from {@code waiting} into {@code due}; returns the next order. */
    private int scheduleAnchored(List<AnchoredAction> waiting, PriorityQueue<Due> due, int order) {
        if (waiting.isEmpty()) {
            return order;
        }
        Map<String, List<PeerLine>> lines = new LinkedHashMap<>();
        peers.forEach((name, peer) -> lines.put(name, peer.lines()));
        int next = order;
        for (var it = waiting.iterator(); it.hasNext(); ) {
            AnchoredAction entry = it.next();
            OptionalLong event = RealAnchors.eventNanos(entry.anchor(), lines, zeroMicros);
            if (event.isPresent()) {
                it.remove();
                due.add(new Due(event.getAsLong() + entry.anchor().offsetNanos(), next++, entry.action(), null));
            }
        }
        return next;
    }

    /** Nanoseconds since the run's zero instant, on this machine's clock. */
    private long runNanos() {
        return (nowMicros() - zeroMicros) * 1000;
    }

    private void apply(TimelineAction action) throws TestbedException, InterruptedException {
        if (action instanceof TimelineAction.LinkDown a) {
            NetworkPlan.Attachment link = plan.attachment(a.peer(), a.iface());
            setLink(link, current(link), false);
        } else if (action instanceof TimelineAction.LinkUp a) {
            NetworkPlan.Attachment link = plan.attachment(a.peer(), a.iface());
            setLink(link, current(link), true);
        } else if (action instanceof TimelineAction.SetLink a) {
            NetworkPlan.Attachment link = plan.attachment(a.peer(), a.iface());
            LinkParams next = current(link).with(a.change());
            links.put(link, next);
            setLink(link, next, next.up());
        } else if (action instanceof TimelineAction.InterfaceAdd a) {
            NetworkPlan.Attachment link = plan.attachment(a.peer(), a.iface().name());
            processes.runAll(plan.connect(link));
            announce(a);
        } else if (action instanceof TimelineAction.InterfaceRemove a) {
            processes.runAll(plan.disconnect(plan.attachment(a.peer(), a.iface())));
            announce(a);
        } else if (action instanceof TimelineAction.NatReboot a) {
            int index = a.newAddress() ? natAddresses.merge(a.nat(), 1, Integer::sum) : 0;
            processes.runAll(plan.natReboot(a.nat(), index));
        } else if (action instanceof TimelineAction.NatFlush a) {
            processes.runAll(plan.natReboot(a.nat(), 0));
        } else if (action instanceof TimelineAction.ServerCrash a) {
            serverDown(a.server(), true);
        } else if (action instanceof TimelineAction.ServerRestart a) {
            serverDown(a.server(), false);
        } else if (action instanceof TimelineAction.SignalingOutage) {
            processes.run(plan.signalingBlock(true));
        } else if (action instanceof TimelineAction.RestartIce a) {
            peers.get(a.peer()).send("restart-ice");
        } else if (action instanceof TimelineAction.Close a) {
            peers.get(a.peer()).send("close");
        }
    }

    /**
     * The page or program hears {@code network-change} when the change reaches the application as
     * in a simulated run: the action's {@code announce}, else the scenario peer's network monitor.
     */
    private void announce(TimelineAction.InterfaceChange change) throws TestbedException {
        if (change.reachesApplication(scenario.peers().get(change.peer()).profile())) {
            peers.get(change.peer()).send("network-change");
        }
    }

    /** Both directions of a link at once, through their helpers (no firewall change, so no delay in applying it). */
    private void setLink(NetworkPlan.Attachment link, LinkParams params, boolean up) throws TestbedException {
        String line = "set " + String.join(" ", Launches.helperSettings(params, up));
        sendTo(helpers.get(link.down()), line);
        sendTo(helpers.get(link.up()), line);
    }

    private void serverDown(String name, boolean down) throws TestbedException, InterruptedException {
        NetworkPlan.ServerPlan server = plan.servers().get(name);
        if (server.spec() instanceof ServerSpec.Signaling) {
            processes.run(plan.signalingBlock(down));
        } else if (down) {
            Process process = coturns.remove(name);
            if (process != null) {
                processes.stop(process);
            }
        } else if (!coturns.containsKey(name)) {
            startCoturn(server);
        }
    }

    private String signalingName() {
        return scenario.servers().values().stream().filter(s -> s instanceof ServerSpec.Signaling)
                .map(ServerSpec::name).findFirst().orElse("signaling");
    }

    private LinkParams current(NetworkPlan.Attachment link) {
        return links.computeIfAbsent(link, NetworkPlan.Attachment::params);
    }

    /** Records a fault or repair at this instant, just before the command that applies it. */
    private void mark(EventDetail detail) {
        world.add(new RecordedEvent((nowMicros() - zeroMicros) * 1000, "world", detail));
        processes.logLine("mark " + detail.kind() + " " + detail.text());
    }

    private void sleepUntil(long runNanos) throws InterruptedException {
        long wait = zeroMicros + runNanos / 1000 - nowMicros();
        if (wait > 0) {
            TimeUnit.MICROSECONDS.sleep(wait);
        }
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return ChronoUnit.MICROS.between(Instant.EPOCH, now);
    }

    private static void sendTo(Process process, String line) throws TestbedException {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new TestbedException("cannot reach a delay helper: " + e.getMessage(), e);
        }
    }

    private void awaitLine(Process process, String expected, String what) throws TestbedException, InterruptedException {
        CountDownLatch seen = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals(expected)) {
                        seen.countDown();
                    }
                }
            } catch (IOException e) {
                // The process ended; close() has stopped it or the wait below reports it.
            }
        }, "testbed-helper");
        reader.setDaemon(true);
        reader.start();
        if (!seen.await(20, TimeUnit.SECONDS)) {
            throw new TestbedException(what + " did not start within 20 s (see helpers.log)");
        }
    }

    /** Stops every process of the run and removes its namespaces (with their links and rules). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        processes.close();
        try {
            for (String namespace : plan.namespaces()) {
                processes.runQuietly(List.of("ip", "netns", "del", namespace));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
    }
}
