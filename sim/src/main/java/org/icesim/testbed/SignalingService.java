package org.icesim.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * The testbed's signaling server, run in the core namespace ({@code ip netns exec}): HTTP
 * long-poll, reached by the peers through their NATs like a real application's server (the
 * protocol in docs/testbed.md). Messages are kept per room; a recipient's messages are those of
 * the room not sent by it, numbered 1, 2, … in arrival order, so a peer may start polling before
 * or after the other sends. A sender numbers its messages 1, 2, … and may post them without waiting
 * for the answers (as messages follow each other on one WebSocket); the server adds each sender's
 * messages to the room in that order, holding one that arrives before its predecessor, and ignores
 * a repeated (room, from, id), so a re-sent message never arrives twice. Prints {@code ready} once listening and {@code relayed N} after each new message.
 */
public final class SignalingService {

    private final long holdMillis;

    private record Message(String from, JsonNode body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, List<Message>> rooms = new HashMap<>();
    /** Per room and sender: the id of the message it is to add next. */
    private final Map<String, Integer> nextId = new HashMap<>();
    /** Per room and sender: messages that came before their predecessors, by id. */
    private final Map<String, TreeMap<Integer, Message>> held = new HashMap<>();
    private int relayed;

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SignalingService ADDRESS PORT HOLD_MS");
            System.exit(2);
        }
        // HOLD_MS: a poll with nothing to deliver is answered empty after this long (the
        // scenario's poll-hold, 5 s unless it says otherwise).
        new SignalingService(Long.parseLong(args[2])).serve(new InetSocketAddress(args[0], Integer.parseInt(args[1])));
    }

    SignalingService(long holdMillis) {
        this.holdMillis = holdMillis;
    }

    /** Starts serving on {@code address}; the caller stops the returned server. */
    HttpServer serve(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        server.createContext("/send", this::send);
        server.createContext("/recv", this::receive);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        System.out.println("ready");
        System.out.flush();
        return server;
    }

    private void send(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            HttpParts.reply(exchange, 204, "text/plain", new byte[0]);
            return;
        }
        Map<String, String> query = HttpParts.query(exchange);
        JsonNode body;
        try {
            body = json.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            HttpParts.reply(exchange, 400, "text/plain", "body must be JSON".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        String room = query.getOrDefault("room", "");
        String from = query.getOrDefault("from", "");
        int id = HttpParts.integer(query, "id");
        if (id < 1) {
            HttpParts.reply(exchange, 400, "text/plain", "id must be 1, 2, ...".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        boolean fresh;
        synchronized (this) {
            fresh = accept(room, from, id, new Message(from, body));
        }
        System.err.println(java.time.Instant.now() + " send room=" + room + " from=" + from + " id="
                + query.getOrDefault("id", "") + (fresh ? "" : " (repeat)"));
        if (fresh) {
            synchronized (System.out) {
                System.out.println("relayed " + relayedNow());
                System.out.flush();
            }
        }
        HttpParts.json(exchange, "{\"ok\":true}");
    }

    /**
     * Adds the message and every held one that follows it in the sender's order; a message whose
     * predecessor has not arrived is held. Returns whether it was new (not a repeat).
     */
    private boolean accept(String room, String from, int id, Message message) {
        String sender = room + "\n" + from;
        int next = nextId.getOrDefault(sender, 1);
        TreeMap<Integer, Message> waiting = held.computeIfAbsent(sender, s -> new TreeMap<>());
        if (id < next || waiting.containsKey(id)) {
            return false;
        }
        waiting.put(id, message);
        List<Message> messages = rooms.computeIfAbsent(room, r -> new ArrayList<>());
        while (waiting.containsKey(next)) {
            messages.add(waiting.remove(next));
            next++;
            relayed++;
        }
        nextId.put(sender, next);
        notifyAll();
        return true;
    }

    private synchronized int relayedNow() {
        return relayed;
    }

    private void receive(HttpExchange exchange) throws IOException {
        Map<String, String> query = HttpParts.query(exchange);
        String room = query.getOrDefault("room", "");
        String peer = query.getOrDefault("peer", "");
        int after = HttpParts.integer(query, "after");
        long deadline = System.currentTimeMillis() + holdMillis;
        ArrayNode messages = json.createArrayNode();
        synchronized (this) {
            while (true) {
                List<Message> mine = rooms.getOrDefault(room, List.of()).stream().filter(m -> !m.from().equals(peer)).toList();
                if (mine.size() > after) {
                    for (int i = after; i < mine.size(); i++) {
                        ObjectNode item = messages.addObject();
                        item.put("seq", i + 1);
                        item.put("from", mine.get(i).from());
                        item.set("body", mine.get(i).body());
                    }
                    break;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        ObjectNode answer = json.createObjectNode();
        answer.set("messages", messages);
        System.err.println(java.time.Instant.now() + " recv peer=" + peer + " after=" + after + " -> " + messages.size());
        HttpParts.json(exchange, json.writeValueAsString(answer));
    }
}
