package dev.faultline.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A register per key through printerfacts over real HTTP: PUT /fact/{key} writes the value as the
 * fact's text, GET /fact/{key} reads it back, each at the workload's level (X-Consistency-Level).
 * The app answers Cassandra's Unavailable with 503 (nothing was written) and timeouts with 504 (a
 * write may still land), so a 504 or a broken connection on a write is info ({@link HttpErrors}).
 */
public final class HttpRegisterClient implements Client {

    /** The header printerfacts takes a request's consistency level from (its server says the same; a test holds them equal). */
    public static final String CONSISTENCY_HEADER = "X-Consistency-Level";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(6);

    private final HttpClient http;
    private final ReplicaRoundRobin replicas;
    private final Map<String, String> factKeys;
    private final String readLevel;
    private final String writeLevel;

    /**
     * @param factKeys the timeuuid printerfacts gave each register key when it was created
     */
    public HttpRegisterClient(HttpClient http, ReplicaRoundRobin replicas, Map<String, String> factKeys,
                              String readLevel, String writeLevel) {
        this.http = http;
        this.replicas = replicas;
        this.factKeys = factKeys;
        this.readLevel = readLevel;
        this.writeLevel = writeLevel;
    }

    /** Creates one fact per register key, holding 0, and returns key → fact key. */
    public static String create(HttpClient http, ReplicaRoundRobin replicas, String level) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(replicas.next().resolve("/fact"))
                    .timeout(TIMEOUT).header("Content-Type", "application/json")
                    .header(CONSISTENCY_HEADER, level)
                    .POST(HttpRequest.BodyPublishers.ofString(body(0))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("printerfacts refused to create a register: " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).path("key").asText();
        } catch (IOException e) {
            throw new IllegalStateException("printerfacts did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public Outcome invoke(Invocation op) {
        return switch (op.f()) {
            case "read" -> call(op, false, HttpRequest.newBuilder().GET(), readLevel);
            case "write" -> call(op, true, HttpRequest.newBuilder()
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body((Long) op.value()))), writeLevel);
            default -> throw new IllegalArgumentException("printerfacts registers do read and write, not " + op.f());
        };
    }

    private Outcome call(Invocation op, boolean write, HttpRequest.Builder request, String level) {
        URI replica;
        try {
            replica = replicas.next();
        } catch (ReplicaRoundRobin.NoLiveReplicaException e) {
            return Outcome.fail(op.value(), "NoLiveReplica");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.uri(replica.resolve("/fact/" + factKeys.get(op.key())))
                    .timeout(TIMEOUT).header(CONSISTENCY_HEADER, level).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // the request may have reached the app, and the app Cassandra
            return HttpErrors.outcome(e, write, write ? op.value() : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return write ? Outcome.info(op.value(), "interrupted") : Outcome.fail(null, "interrupted");
        }
        int status = response.statusCode();
        if (status == 404 && !write) {
            // the fact was created before the run: not finding it is a read of nothing
            return Outcome.ok(null);
        }
        Object value = !write && status == 200 ? readValue(response.body()) : write ? op.value() : null;
        return HttpErrors.outcome(status, write, value, errorCode(response.body()));
    }

    private static Long readValue(String body) {
        try {
            return Long.parseLong(JSON.readTree(body).path("fact").asText());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("printerfacts returned a fact that is no register value: " + body, e);
        }
    }

    private static String errorCode(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.isMissingNode() ? "" : error.asText();
        } catch (IOException e) {
            return "";
        }
    }

    private static String body(long value) {
        return "{\"fact\": \"" + value + "\", \"kind\": \"register\"}";
    }
}
