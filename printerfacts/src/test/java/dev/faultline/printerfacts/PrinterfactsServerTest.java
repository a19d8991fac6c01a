package dev.faultline.printerfacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import dev.faultline.printerfacts.HttpCalls.Reply;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real server over real HTTP, with Cassandra unreachable (a closed loopback port): everything a
 * request can get wrong is answered before Cassandra is needed, and Cassandra missing is a 503.
 * What it does with a real Cassandra is PrinterfactsIT's job.
 */
class PrinterfactsServerTest {

    private static CassandraConnection cassandra;
    private static PrinterfactsServer server;
    private static final HttpCalls http = new HttpCalls();

    @BeforeAll
    static void start() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        cassandra = CassandraConnection.start(List.of(new InetSocketAddress("127.0.0.1", closedPort)), "datacenter1");
        server = PrinterfactsServer.start(new ServerSettings("127.0.0.1", 0, "node-a", "replica-a", false,
                DefaultConsistencyLevel.ONE, DefaultConsistencyLevel.LOCAL_QUORUM, 1024), cassandra);
    }

    @AfterAll
    static void stop() {
        server.close();
        cassandra.close();
    }

    private static URI at(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void healthzSaysAliveAndReadyzSaysNotReadyWithoutCassandra() {
        Reply health = http.get(at("/healthz"));
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("replica").asText()).isEqualTo("replica-a");
        assertThat(health.body().get("node").asText()).isEqualTo("node-a");
        Reply ready = http.get(at("/readyz"));
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.error()).isEqualTo("not_ready");
    }

    @Test
    void dataEndpointsAre503WhileCassandraIsMissingAndEchoTheLevel() {
        Reply read = http.get(at("/fact"));
        assertThat(read.status()).isEqualTo(503);
        assertThat(read.error()).isEqualTo("not_ready");
        assertThat(read.consistency()).isEqualTo("ONE");
        Reply write = http.send("POST", at("/fact"), "{\"fact\": \"f\", \"kind\": \"k\"}", "quorum");
        assertThat(write.status()).isEqualTo(503);
        assertThat(write.consistency()).isEqualTo("QUORUM");
        assertThat(http.send("DELETE", at("/fact/" + Uuids.timeBased()), null, null).consistency()).isEqualTo("LOCAL_QUORUM");
    }

    @Test
    void requestErrorsComeBeforeCassandraIsNeeded() {
        assertError(http.send("POST", at("/fact"), "{nope", null), 400, "malformed_json");
        assertError(http.send("POST", at("/fact"), "{\"fact\": \"f\"}", null), 422, "invalid_fact");
        assertError(http.send("PUT", at("/fact/" + Uuids.timeBased()), "{\"fact\": \"f\", \"kind\": \" \"}", null),
                422, "invalid_fact");
        assertError(http.send("POST", at("/fact"), "{\"fact\": \"" + "x".repeat(1100) + "\", \"kind\": \"k\"}", null),
                413, "body_too_large");
        Reply level = http.send("POST", at("/fact"), "{\"fact\": \"f\", \"kind\": \"k\"}", "SERIAL");
        assertError(level, 400, "bad_consistency_level");
        assertThat(level.body().get("message").asText()).contains("allowed: ANY, ONE, TWO");
        assertThat(level.consistency()).as("no level was used").isNull();
        assertError(http.get(at("/fact/12")), 400, "malformed_key");
        assertError(http.get(at("/nowhere")), 404, "no_such_route");
        assertError(http.send("PATCH", at("/fact"), "{}", null), 405, "method_not_allowed");
        assertError(http.get(at("/crashme")), 404, "crashme_disabled");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws IOException, InterruptedException {
        byte[] big = new byte[5000];
        HttpRequest request = HttpRequest.newBuilder(at("/fact"))
                // a stream of unknown length goes out chunked, without Content-Length
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("body_too_large");
    }

    /**
     * A request written byte for byte on a socket, its output then shut (so the server sees the body end early), and
     * the whole response read back as text.
     */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Issue 30: both were 500 Server Error with an empty body. */
    @Test
    void aTruncatedOrBrokenBodyIs400WithAJsonErrorNot500() throws IOException {
        String truncated = raw("POST /fact HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                + "{\"fact\": \"f\"");
        assertThat(truncated).startsWith("HTTP/1.1 400").contains("\"error\":\"broken_body\"").doesNotContain("\tat ");
        String brokenChunks = raw("PUT /fact/" + Uuids.timeBased() + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"fac\r\nzz\r\nnot a chunk\r\n");
        assertThat(brokenChunks).startsWith("HTTP/1.1 400").doesNotContain("\tat ").doesNotContain("Exception");
        String endsMidChunk = raw("POST /fact HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n40\r\n{\"fact\": ");
        assertThat(endsMidChunk).startsWith("HTTP/1.1 400").contains("broken_body");
        assertThat(http.get(at("/healthz")).status()).as("still serving").isEqualTo(200);
    }

    @Test
    void badPagingValuesAre400BeforeCassandraIsNeeded() {
        for (String limit : List.of("-1", "0", "1001", "abc", "2.5", "", "99999999999999999999")) {
            assertError(http.get(at("/fact/keys?limit=" + limit)), 400, "bad_limit");
        }
        assertError(http.get(at("/fact/keys?limit=2&limit=3")), 400, "bad_limit");
        for (String page : List.of("abc", "", "00", "zz", "0123456789abcdef", "x".repeat(5000))) {
            Reply reply = http.get(at("/fact/keys?page=" + page));
            assertError(reply, 400, "bad_page");
            assertThat(reply.body().get("message").asText()).doesNotContain("Exception").doesNotContain("java.");
        }
        assertThat(http.get(at("/fact/keys?limit=2")).status()).as("good values get as far as Cassandra").isEqualTo(503);
    }

    private static void assertError(Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(status);
        assertThat(reply.error()).isEqualTo(error);
        assertThat(reply.body().get("status").asInt()).isEqualTo(status);
    }
}
