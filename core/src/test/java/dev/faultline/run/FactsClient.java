package dev.faultline.run;

import dev.faultline.workload.Client;
import dev.faultline.workload.HttpErrors;
import dev.faultline.workload.Invocation;
import dev.faultline.workload.Outcome;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A team's HTTP client of its own service, printerfacts: a register per key is one fact, {@code read} a GET of it and
 * {@code write} a PUT of the value as its text, at the consistency level the request's header asks for. Each
 * client takes the service's replicas in turn, starting from its own, as a load balancer would.
 */
final class FactsClient implements Client {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern FACT = Pattern.compile("\"fact\"\\s*:\\s*\"(-?\\d+)\"");
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http;
    private final List<URI> replicas;
    private final Map<String, String> facts;
    private final String level;
    private int next;

    /**
     * @param facts the fact each register key is, as {@link #create} made them
     * @param level the consistency level the service is asked for, such as {@code QUORUM}
     */
    FactsClient(HttpClient http, List<URI> replicas, Map<String, String> facts, String level, int first) {
        this.http = http;
        this.replicas = replicas;
        this.facts = facts;
        this.level = level;
        this.next = first;
    }

    /** Creates a fact holding 0 on every replica of the table (at ALL) and returns its key. */
    static String create(HttpClient http, URI replica) throws IOException, InterruptedException {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(replica.resolve("/fact")).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("X-Consistency-Level", "ALL")
                .POST(HttpRequest.BodyPublishers.ofString(body(0))).build(), HttpResponse.BodyHandlers.ofString());
        Matcher key = KEY.matcher(created.body());
        if (created.statusCode() != 201 || !key.find()) {
            throw new IllegalStateException("the service did not create a fact: " + created.statusCode() + " " + created.body());
        }
        return key.group(1);
    }

    @Override
    public Outcome invoke(Invocation op) {
        boolean write = op.f().equals("write");
        URI fact = replicas.get(next++ % replicas.size()).resolve("/fact/" + facts.get(op.key()));
        HttpRequest.Builder request = HttpRequest.newBuilder(fact).timeout(TIMEOUT).header("X-Consistency-Level", level);
        try {
            HttpResponse<String> response = http.send(write
                    ? request.header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(body((Long) op.value()))).build()
                    : request.GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher read = FACT.matcher(response.body());
            Object value = write ? op.value() : read.find() ? Long.parseLong(read.group(1)) : null;
            return HttpErrors.outcome(response.statusCode(), write, value, response.statusCode() == 200 ? "" : response.body());
        } catch (IOException e) {
            return HttpErrors.outcome(e, write, write ? op.value() : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return write ? Outcome.info(op.value(), "interrupted") : Outcome.fail(null, "interrupted");
        }
    }

    private static String body(long value) {
        return "{\"fact\": \"" + value + "\", \"kind\": \"register\"}";
    }
}
