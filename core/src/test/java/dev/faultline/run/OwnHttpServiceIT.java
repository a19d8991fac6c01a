package dev.faultline.run;

import dev.faultline.cluster.Cluster;
import dev.faultline.cluster.PrinterfactsReplicas;
import dev.faultline.junit.CassandraCluster;
import dev.faultline.scenario.Consistency;
import dev.faultline.scenario.Faults;
import dev.faultline.workload.Ops;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.faultline.junit.FaultlineAssertions.assertThat;
import static java.time.Duration.ofSeconds;

/**
 * printerfacts tested over HTTP as a team tests its own service: its own HTTP client, registers made of facts,
 * reads and writes at ONE and at QUORUM while n3 is cut off from the other nodes (its replica still serves).
 */
@CassandraCluster(nodes = 3, replicationFactor = 2)
class OwnHttpServiceIT {

    private static final List<String> KEYS = List.of("k0", "k1", "k2", "k3", "k4");

    @Test
    void quorumStaysLinearizableThroughThePartitionAndOneAnswersMoreOfIt(Faultline faultline, Cluster cluster) {
        try (PrinterfactsReplicas service = cluster.printerfacts(1)) {
            HttpClient http = HttpClient.newHttpClient();
            Map<String, String> facts = new ConcurrentHashMap<>();
            AtomicInteger opened = new AtomicInteger();
            TestRun run = faultline.test("facts-over-http")
                    .setUp(session -> KEYS.forEach(key -> facts.put(key, create(http, service))))
                    .initially(Map.of("k0", 0L, "k1", 0L, "k2", 0L, "k3", 0L, "k4", 0L))
                    .client((session, level) -> new FactsClient(http, service.urls(), facts, level.name(), opened.getAndIncrement()))
                    .ops(Ops.mix(Ops.read(), Ops.write()).over(KEYS))
                    .clients(6).rate(120).duration(ofSeconds(20)).seed(5)
                    .fault(Faults.isolate("n3").at(ofSeconds(4)).healAfter(ofSeconds(10)))
                    .check(Checks.linearizableRegisters(), Checks.sessionGuarantees())
                    .run(Consistency.ONE, Consistency.QUORUM);

            assertThat(run.at(Consistency.QUORUM)).isLinearizable();
            assertThat(run.at(Consistency.ONE).availability().insideFaults().percentAvailable())
                    .isGreaterThan(run.at(Consistency.QUORUM).availability().insideFaults().percentAvailable());
            System.out.printf("faultline: %s: ONE %s, QUORUM %s; %s%n", run.name(),
                    run.at(Consistency.ONE).checks().stream().map(c -> c.summary()).toList(),
                    run.at(Consistency.QUORUM).checks().stream().map(c -> c.summary()).toList(), run.report().toAbsolutePath());
        }
    }

    private static String create(HttpClient http, PrinterfactsReplicas service) {
        try {
            return FactsClient.create(http, service.urls().get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
