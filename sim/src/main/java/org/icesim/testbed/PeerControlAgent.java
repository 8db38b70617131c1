package org.icesim.testbed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The control channel of a browser peer, run in the peer's host namespace: it serves the page
 * on 127.0.0.1 (loopback, never a candidate, never on a test link), hands the page the commands
 * read from its standard input ({@code GET /command?after=N}, long-poll) and writes the page's
 * events ({@code POST /event}, one per line) to its standard output. It exits when its
 * standard input closes, so it never outlives the orchestrator.
 */
public final class PeerControlAgent {

    private static final String PAGE = "/org/icesim/testbed/page/";
    private static final long HOLD_MILLIS = 10_000;
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8");

    private final List<String> commands = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PeerControlAgent PORT");
            System.exit(2);
        }
        PeerControlAgent agent = new PeerControlAgent();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.createContext("/", agent::file);
        server.createContext("/event", agent::event);
        server.createContext("/command", agent::command);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        System.out.println("EV " + java.time.Instant.now().toEpochMilli() * 1000 + " log agent listening on 127.0.0.1:" + args[0]);
        System.out.flush();
        agent.readCommands();
        System.exit(0);
    }

    private void readCommands() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            synchronized (this) {
                commands.add(line.strip());
                notifyAll();
            }
        }
    }

    private void file(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring(1);
        if (!name.matches("[a-z-]+\\.(html|js)")) {
            HttpParts.reply(exchange, 404, "text/plain", new byte[0]);
            return;
        }
        try (InputStream in = PeerControlAgent.class.getResourceAsStream(PAGE + name)) {
            if (in == null) {
                HttpParts.reply(exchange, 404, "text/plain", new byte[0]);
                return;
            }
            HttpParts.reply(exchange, 200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), in.readAllBytes());
        }
    }

    private void event(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (System.out) {
            for (String line : body.split("\n")) {
                if (!line.isBlank()) {
                    System.out.println(line.strip());
                }
            }
            System.out.flush();
        }
        HttpParts.reply(exchange, 204, "text/plain", new byte[0]);
    }

    private void command(HttpExchange exchange) throws IOException {
        int after = HttpParts.integer(HttpParts.query(exchange), "after");
        long deadline = System.currentTimeMillis() + HOLD_MILLIS;
        ArrayNode list = json.createArrayNode();
        synchronized (this) {
            while (commands.size() <= after && System.currentTimeMillis() < deadline) {
                try {
                    wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            for (int i = after; i < commands.size(); i++) {
                ObjectNode item = list.addObject();
                item.put("seq", i + 1);
                item.put("line", commands.get(i));
            }
        }
        ObjectNode answer = json.createObjectNode();
        answer.set("commands", list);
        HttpParts.json(exchange, json.writeValueAsString(answer));
    }
}
