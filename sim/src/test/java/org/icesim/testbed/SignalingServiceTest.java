package org.icesim.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The testbed's signaling server on the loopback interface: a sender may post its messages
 * without waiting for the answers, and the other peer still receives them in the sender's order,
 * each once.
 */
class SignalingServiceTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = new SignalingService(200).serve(new InetSocketAddress("127.0.0.1", 0));
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aMessageThatOvertakesItsPredecessorIsHeldUntilItArrivesAndRepeatsAreIgnored() throws Exception {
        assertThat(send("alice", 2, "{\"candidate\":\"c1\"}")).isEqualTo(200);
        // Nothing for bob yet: the offer (id 1) has not arrived, so the candidate waits for it.
        assertThat(bodies("bob", 0)).isEmpty();
        assertThat(send("alice", 1, "{\"description\":\"offer\"}")).isEqualTo(200);
        assertThat(send("alice", 2, "{\"candidate\":\"c1\"}")).isEqualTo(200);
        assertThat(send("alice", 3, "{\"candidate\":\"c2\"}")).isEqualTo(200);

        assertThat(bodies("bob", 0)).containsExactly("{\"description\":\"offer\"}", "{\"candidate\":\"c1\"}",
                "{\"candidate\":\"c2\"}");
        // A sender's own messages are not delivered to it.
        assertThat(bodies("alice", 0)).isEmpty();
    }

    @Test
    void aMessageWithoutAnIdIsRefused() throws Exception {
        assertThat(send("alice", 0, "{}")).isEqualTo(400);
    }

    private int send(String from, int id, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/send?room=r&from=" + from + "&id=" + id))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The bodies one poll returns (an empty poll is answered after the server's hold). */
    private List<String> bodies(String peer, int after) throws Exception {
        List<String> bodies = new ArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/recv?room=r&peer=" + peer + "&after=" + after))
                .timeout(java.time.Duration.ofSeconds(5)).GET().build();
        JsonNode answer = json.readTree(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode message : answer.get("messages")) {
            bodies.add(json.writeValueAsString(message.get("body")));
        }
        return bodies;
    }
}
