package dev.faultline.workload;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for a Kubernetes Service in front of the printerfacts replicas: hands out replica base URLs
 * in turn, skipping replicas whose /healthz does not answer 200 (a dead or unreachable process), as a
 * Service skips pods failing their probes. Like a probe, a verdict holds for a short period rather than
 * costing a health request per client request. Thread-safe.
 */
public final class ReplicaRoundRobin {

    private static final Duration HEALTH_TIMEOUT = Duration.ofMillis(500);
    /** How long a health verdict is trusted: a Service's endpoints lag its probes by about as much. */
    private static final long VERDICT_NANOS = Duration.ofSeconds(1).toNanos();

    private final List<URI> replicas;
    private final HttpClient http;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<URI, Verdict> verdicts = new ConcurrentHashMap<>();

    private record Verdict(boolean healthy, long checkedAt) {}

    public ReplicaRoundRobin(List<URI> replicas, HttpClient http) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a round-robin needs at least one replica URL");
        }
        this.replicas = List.copyOf(replicas);
        this.http = http;
    }

    /** The next live replica's base URL. */
    public URI next() {
        for (int tried = 0; tried < replicas.size(); tried++) {
            URI candidate = replicas.get(Math.floorMod(next.getAndIncrement(), replicas.size()));
            if (isHealthy(candidate)) {
                return candidate;
            }
        }
        throw new NoLiveReplicaException("no printerfacts replica answers /healthz: " + replicas);
    }

    private boolean isHealthy(URI replica) {
        long now = System.nanoTime();
        Verdict verdict = verdicts.get(replica);
        if (verdict == null || now - verdict.checkedAt() > VERDICT_NANOS) {
            verdict = new Verdict(probe(replica), now);
            verdicts.put(replica, verdict);
        }
        return verdict.healthy();
    }

    private boolean probe(URI replica) {
        HttpRequest request = HttpRequest.newBuilder(replica.resolve("/healthz")).timeout(HEALTH_TIMEOUT).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Every replica failed its health check, as a Service with no ready endpoints. */
    public static final class NoLiveReplicaException extends IllegalStateException {
        NoLiveReplicaException(String message) {
            super(message);
        }
    }
}
