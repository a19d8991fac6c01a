package dev.faultline.cli;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import dev.faultline.printerfacts.FactInput;
import dev.faultline.printerfacts.FactStore;
import dev.faultline.printerfacts.PrinterfactsServer;
import dev.faultline.workload.ReplicaRoundRobin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load run: the same blind writes and key reads through printerfacts over HTTP and straight
 * through the driver (the very prepared statements the app uses), at each consistency level, so the
 * difference is what the app adds (HTTP, JSON, a hop).
 */
public final class PrinterfactsBench {

    /** How to load the system. */
    public record Plan(int requests, int concurrency, int warmup, List<ConsistencyLevel> levels) {}

    /** One measured phase. */
    public record Phase(String path, ConsistencyLevel level, String operation, int requests, int failures,
                        double seconds, double p50Millis, double p99Millis) {
        public double perSecond() {
            return requests / seconds;
        }
    }

    private static final FactInput FACT = new FactInput("Benchmarks make printers nervous.", "bench");

    private final FactStore store;
    private final ReplicaRoundRobin app;
    private final HttpClient http;

    public PrinterfactsBench(FactStore store, ReplicaRoundRobin app, HttpClient http) {
        this.store = store;
        this.app = app;
        this.http = http;
    }

    public List<Phase> run(Plan plan) {
        List<Phase> phases = new ArrayList<>();
        UUID[] keys = new UUID[plan.requests()];
        Arrays.setAll(keys, i -> Uuids.timeBased());
        // Warm both paths up (JIT, connection pools) before anything is measured.
        measure("warm-up", ConsistencyLevel.ONE, "write", plan.warmup(), plan.concurrency(), i -> appWrite(keys[i % keys.length], ConsistencyLevel.ONE));
        measure("warm-up", ConsistencyLevel.ONE, "write", plan.warmup(), plan.concurrency(), i -> driverWrite(keys[i % keys.length], ConsistencyLevel.ONE));
        for (ConsistencyLevel level : plan.levels()) {
            phases.add(measure("app", level, "write", plan.requests(), plan.concurrency(), i -> appWrite(keys[i], level)));
            phases.add(measure("driver", level, "write", plan.requests(), plan.concurrency(), i -> driverWrite(keys[i], level)));
            phases.add(measure("app", level, "read", plan.requests(), plan.concurrency(), i -> appRead(keys[i], level)));
            phases.add(measure("driver", level, "read", plan.requests(), plan.concurrency(), i -> driverRead(keys[i], level)));
        }
        return phases;
    }

    /** One request; true when it succeeded. */
    private interface Request {
        boolean send(int index) throws Exception;
    }

    private boolean appWrite(UUID key, ConsistencyLevel level) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(app.next().resolve("/fact/" + key))
                .header(PrinterfactsServer.CONSISTENCY_HEADER, level.name())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"fact\": \"" + FACT.fact() + "\", \"kind\": \"" + FACT.kind() + "\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    private boolean appRead(UUID key, ConsistencyLevel level) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(app.next().resolve("/fact/" + key))
                .header(PrinterfactsServer.CONSISTENCY_HEADER, level.name()).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200;
    }

    private boolean driverWrite(UUID key, ConsistencyLevel level) {
        store.upsert(key, FACT, level);
        return true;
    }

    private boolean driverRead(UUID key, ConsistencyLevel level) {
        return store.find(key, level).isPresent();
    }

    private static Phase measure(String path, ConsistencyLevel level, String operation, int requests, int concurrency,
                                 Request request) {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                running.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            ok = request.send(i);
                        } catch (Exception e) {
                            ok = false;
                        }
                        latencies[i] = System.nanoTime() - t0;
                        if (!ok) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("bench phase " + path + " " + operation + " failed", e);
        } finally {
            workers.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        return new Phase(path, level, operation, requests, failures.get(), seconds,
                percentile(latencies, 0.50), percentile(latencies, 0.99));
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
