package org.icesim.testbed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.icesim.app.RestartPolicy;
import org.icesim.media.MediaSpec;
import org.icesim.net.Jitter;
import org.icesim.net.LinkParams;
import org.icesim.net.LossModel;
import org.icesim.scenario.PeerSpec;
import org.icesim.scenario.Scenario;
import org.icesim.scenario.ServerSpec;
import org.icesim.signaling.ReconnectBackoff;
import org.icesim.signaling.SignalingTransport;
import org.icesim.turn.TurnTransport;

/**
 * The command lines and configurations of everything the testbed starts: the peers (browser
 * with its control agent, or the pion program), coturn, the signaling server and the delay
 * helpers. Pure, so a test reads what a scenario turns into.
 */
public final class Launches {

    /** The control agent's port on each host namespace's own loopback. */
    public static final int AGENT_PORT = 8700;
    /** How often a peer polls getStats where it has no event for what it reports. */
    static final int STATS_INTERVAL_MILLIS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Launches() {
    }

    /** A peer's configuration (docs/testbed.md, "Peer configuration"). */
    public static String peerConfig(Scenario scenario, NetworkPlan plan, PeerSpec peer, Stack stack) {
        boolean caller = peer.name().equals(scenario.call().caller());
        ObjectNode config = JSON.createObjectNode();
        config.put("peer", peer.name());
        config.put("remote", caller ? scenario.call().callee() : scenario.call().caller());
        config.put("room", scenario.name());
        config.put("caller", caller);
        config.put("polite", peer.polite().orElse(peer.name().equals(scenario.call().callee())));
        config.put("signalingUrl", "http://" + NetworkPlan.SIGNALING_ADDRESS + ":" + NetworkPlan.SIGNALING_PORT);
        // The scenario's long-poll client (TestbedSupport refuses the stream client and a random spread).
        SignalingTransport.LongPoll client = signalingClient(scenario);
        ReconnectBackoff backoff = client.retry();
        ObjectNode retry = config.putObject("signalingRetry");
        retry.put("initialMs", backoff.initialNanos() / 1_000_000);
        retry.put("maxMs", backoff.maxNanos() / 1_000_000);
        retry.put("factor", backoff.factor());
        retry.put("requestTimeoutMs", backoff.connectTimeoutNanos() / 1_000_000);
        // Named only when the scenario names it: else each client keeps its own (the page the
        // request timeout, the pion program 20 s; RealStack.PION).
        client.namedPollTimeout().ifPresent(nanos -> retry.put("pollTimeoutMs", nanos / 1_000_000));
        ArrayNode servers = config.putArray("iceServers");
        List<String> names = peer.iceServers().orElse(new ArrayList<>(scenario.servers().keySet()));
        for (String name : names) {
            NetworkPlan.ServerPlan server = plan.servers().get(name);
            if (server.spec() instanceof ServerSpec.Stun) {
                servers.addObject().putArray("urls").add("stun:" + server.address() + ":" + NetworkPlan.STUN_PORT);
            } else if (server.spec() instanceof ServerSpec.Turn turn) {
                Map.Entry<String, String> user = turn.config().users().entrySet().iterator().next();
                ObjectNode entry = servers.addObject();
                ArrayNode urls = entry.putArray("urls");
                for (TurnTransport transport : turn.config().transports()) {
                    urls.add("turn:" + server.address() + ":" + NetworkPlan.STUN_PORT + "?transport="
                            + transport.name().toLowerCase(java.util.Locale.ROOT));
                }
                entry.put("username", user.getKey());
                entry.put("credential", user.getValue());
            }
        }
        config.put("iceTransportPolicy", peer.relayOnly() ? "relay" : "all");
        ObjectNode policy = config.putObject("policy");
        RestartPolicy restart = peer.policy();
        if (restart instanceof RestartPolicy.Never) {
            policy.put("kind", "never");
        } else if (restart instanceof RestartPolicy.OnFailed f) {
            policy.put("kind", "on-failed").put("watch", f.watch().spelling());
        } else if (restart instanceof RestartPolicy.OnDisconnected d) {
            policy.put("kind", "on-disconnected").put("afterMs", d.afterNanos() / 1_000_000)
                    .put("watch", d.watch().spelling());
        } else {
            policy.put("kind", "on-network-change");
        }
        config.put("callAtMs", scenario.call().startNanos() / 1_000_000);
        config.put("statsIntervalMs", STATS_INTERVAL_MILLIS);
        config.put("stack", stack.id());
        for (MediaSpec media : scenario.media()) {
            if (media instanceof MediaSpec.Video video) {
                config.putObject("video").put("fps", video.framesPerSecond()).put("bitrate", video.bitsPerSecond());
            }
        }
        return config.toString();
    }

    /**
     * The long-poll client of the scenario's first signaling server; a scenario that leaves the
     * client out gets the long-poll client with the stream client's retry schedule and timeout,
     * what the testbed's clients were configured with before scenarios named their client.
     */
    static SignalingTransport.LongPoll signalingClient(Scenario scenario) {
        for (ServerSpec server : scenario.servers().values()) {
            if (server instanceof ServerSpec.Signaling signaling) {
                if (signaling.transport() instanceof SignalingTransport.LongPoll poll) {
                    return poll;
                }
                break;
            }
        }
        ReconnectBackoff backoff = ReconnectBackoff.DEFAULT;
        return new SignalingTransport.LongPoll(backoff, java.util.OptionalLong.empty(),
                SignalingTransport.LongPoll.TESTBED_HOLD_NANOS, true, true, false, 0);
    }

    /** The page's address on the control agent, with the configuration in its query. */
    public static String pageUrl(String config) {
        return "http://127.0.0.1:" + AGENT_PORT + "/peer.html?config="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(config.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> inNamespace(String namespace, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(command);
        return full;
    }

    public static List<String> java(String namespace, Class<?> main, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(arguments));
        return inNamespace(namespace, command);
    }

    /** Headless Chromium as testbed-notes.md says: real addresses as host candidates, a fake audio device, no background traffic. */
    public static List<String> chromium(String namespace, Path profile, String url) {
        return inNamespace(namespace, List.of("chromium", "--headless", "--no-sandbox", "--user-data-dir=" + profile,
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--disable-features=WebRtcHideLocalIpsWithMdns", "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--autoplay-policy=no-user-gesture-required",
                "--mute-audio", "--disable-gpu", url));
    }

    public static List<String> firefox(String namespace, Path profile, String url) {
        return inNamespace(namespace, List.of("firefox-esr", "--headless", "--no-remote", "--profile", profile.toString(), url));
    }

    /** Firefox's environment: a home of its own, headless. */
    public static Map<String, String> firefoxEnvironment(Path home) {
        return Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("config").toString(),
                "XDG_CACHE_HOME", home.resolve("cache").toString(), "XDG_DATA_HOME", home.resolve("data").toString(),
                "MOZ_HEADLESS", "1");
    }

    /** Firefox preferences: fake media without a prompt, real host addresses, exact timers, no background services. */
    public static String firefoxPreferences() {
        Map<String, Object> prefs = new java.util.LinkedHashMap<>();
        prefs.put("media.navigator.streams.fake", true);
        prefs.put("media.navigator.permission.disabled", true);
        prefs.put("media.peerconnection.ice.obfuscate_host_addresses", false);
        prefs.put("privacy.reduceTimerPrecision", false);
        prefs.put("media.autoplay.default", 0);
        prefs.put("toolkit.telemetry.enabled", false);
        prefs.put("datareporting.healthreport.uploadEnabled", false);
        prefs.put("datareporting.policy.dataSubmissionEnabled", false);
        prefs.put("app.update.enabled", false);
        prefs.put("app.update.auto", false);
        prefs.put("network.trr.mode", 5);
        prefs.put("browser.shell.checkDefaultBrowser", false);
        prefs.put("browser.startup.homepage_override.mstone", "ignore");
        prefs.put("extensions.update.enabled", false);
        prefs.put("browser.safebrowsing.malware.enabled", false);
        prefs.put("browser.safebrowsing.phishing.enabled", false);
        prefs.put("network.captive-portal-service.enabled", false);
        prefs.put("network.connectivity-service.enabled", false);
        prefs.put("dom.min_background_timeout_value", 4);
        StringBuilder text = new StringBuilder();
        prefs.forEach((key, value) -> text.append("user_pref(\"").append(key).append("\", ")
                .append(value instanceof String s ? "\"" + s + "\"" : value).append(");\n"));
        return text.toString();
    }

    public static List<String> pion(String namespace, Path binary, Path config) {
        return inNamespace(namespace, List.of(binary.toString(), "--config", config.toString()));
    }

    /** coturn for one STUN or TURN server of the scenario, in the foreground, logging to standard output. */
    public static List<String> coturn(String namespace, NetworkPlan.ServerPlan server, Path directory) {
        List<String> command = new ArrayList<>(List.of("turnserver", "-n", "--listening-ip=" + server.address(),
                "--relay-ip=" + server.address(), "--listening-port=" + NetworkPlan.STUN_PORT, "--fingerprint",
                "--no-tls", "--no-dtls", "--no-cli", "--log-file=stdout", "--simple-log",
                "--pidfile=" + directory.resolve("turnserver-" + server.address() + ".pid"),
                "--min-port=49152", "--max-port=65535"));
        if (server.spec() instanceof ServerSpec.Turn turn) {
            command.add("--lt-cred-mech");
            command.add("--realm=" + turn.config().realm());
            turn.config().users().forEach((user, password) -> command.add("--user=" + user + ":" + password));
            if (!turn.config().transports().contains(TurnTransport.TCP)) {
                command.add("--no-tcp");
            }
        } else {
            command.add("--stun-only");
            command.add("--no-tcp");
        }
        return inNamespace(namespace, command);
    }

    /** The delay helper of one link direction, with the link's parameters. */
    /**
     * Records the UDP packets of a host namespace on every interface, including those added later
     * (an interface-add in the timeline), until it is stopped.
     */
    public static List<String> capture(String namespace, Path file) {
        return inNamespace(namespace, List.of(Requirements.CAPTURE_PROGRAM, "-q", "-i", "any", "-f", "udp", "-w",
                file.toString()));
    }

    public static List<String> helper(Path binary, NetworkPlan.DelayQueue queue) {
        // A raised priority on top of the orchestrator's: a helper that waits for the CPU delays packets beyond the link's delay.
        List<String> command = new ArrayList<>(List.of("nice", "-n", "-5", binary.toString(), Integer.toString(queue.number())));
        command.addAll(helperSettings(queue.params(), queue.params().up()));
        return inNamespace(queue.namespace(), command);
    }

    /** DELAY_US JITTER_US RATE_BPS QUEUE_BYTES LOSS UP of the helper (its arguments, and its "set" line). */
    public static List<String> helperSettings(LinkParams params, boolean up) {
        long jitter = params.jitter() instanceof Jitter.HalfNormal h ? h.sdNanos() / 1000 : 0;
        long queue = params.queueCapacityBytes() == LinkParams.UNLIMITED_QUEUE ? 0 : params.queueCapacityBytes();
        return List.of(Long.toString(params.delayNanos() / 1000), Long.toString(jitter),
                Long.toString(params.bandwidthBitsPerSecond()), Long.toString(queue), Double.toString(lossRate(params.loss())),
                up ? "1" : "0");
    }

    /** The drop probability of a loss model the testbed reproduces: Bernoulli, or none. */
    static double lossRate(LossModel loss) {
        if (loss instanceof LossModel.Bernoulli b) {
            return b.p();
        }
        if (loss instanceof LossModel.None) {
            return 0;
        }
        throw new IllegalArgumentException("the testbed reproduces Bernoulli loss only, not " + loss);
    }
}
