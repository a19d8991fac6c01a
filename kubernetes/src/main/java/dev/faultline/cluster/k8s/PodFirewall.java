package dev.faultline.cluster.k8s;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The run's DROP rules in the Cassandra pods' network namespaces, and the proof that they hold: a fault returns
 * once a probe across each cut path times out, a heal once every path between running pods answers again.
 */
final class PodFirewall {

    private static final String LOOPBACK = "127.0.0.1";

    private final String runId;
    private final PodExec exec;
    private final PodNetns netns;
    private final Function<String, Pod> podOfNode;
    private final Duration timeout;
    private final Duration poll;
    /** The rules in place, by node name. */
    private final Map<String, Set<DropRule>> rules = new TreeMap<>();

    PodFirewall(String runId, PodExec exec, PodNetns netns, Function<String, Pod> podOfNode, Duration timeout, Duration poll) {
        this.runId = runId;
        this.exec = exec;
        this.netns = netns;
        this.podOfNode = podOfNode;
        this.timeout = timeout;
        this.poll = poll;
    }

    /** Adds {@code wanted} (by node name) to the rules in place; then proves each path in {@code mustDrop} dropped. */
    void add(Map<String, Set<DropRule>> wanted, Collection<Path> mustDrop) {
        wanted.forEach((node, add) -> {
            Set<DropRule> fresh = new LinkedHashSet<>(add);
            fresh.removeAll(rules.getOrDefault(node, Set.of()));
            if (!fresh.isEmpty()) {
                Pod pod = podOfNode.apply(node);
                netns.run(exec, pod, Iptables.insert(runId, fresh))
                        .orThrow("iptables in the network namespace of pod " + pod.getMetadata().getName());
                rules.computeIfAbsent(node, n -> new LinkedHashSet<>()).addAll(fresh);
            }
        });
        await().alias("the cut paths " + mustDrop + " dropped").atMost(timeout).pollInterval(poll)
                .until(() -> unproven(mustDrop, true).isEmpty());
    }

    /** Removes the run's rules from every pod that has some, then proves each path in {@code mustOpen} open. */
    void removeAll(Collection<Path> mustOpen) {
        for (String node : List.copyOf(rules.keySet())) {
            Pod pod = podOfNode.apply(node);
            netns.run(exec, pod, Iptables.removeAll(runId))
                    .orThrow("removing the run's iptables rules from pod " + pod.getMetadata().getName());
            rules.remove(node);
        }
        await().alias("the healed paths " + mustOpen + " open").atMost(timeout).pollInterval(poll)
                .until(() -> unproven(mustOpen, false).isEmpty());
    }

    Set<String> nodesWithRules() {
        return Set.copyOf(rules.keySet());
    }

    /** The paths whose probe does not show them {@code dropped} (or open), probed from each source pod at once. */
    private List<Path> unproven(Collection<Path> paths, boolean dropped) {
        Map<String, List<Path>> bySource = new LinkedHashMap<>();
        paths.forEach(p -> bySource.computeIfAbsent(p.from(), n -> new ArrayList<>()).add(p));
        List<Path> unproven = new ArrayList<>();
        bySource.forEach((source, fromHere) -> {
            Pod pod = podOfNode.apply(source);
            Map<String, Path> byAddress = new LinkedHashMap<>();
            for (Path path : fromHere) {
                byAddress.put(path.to() == null ? LOOPBACK : podOfNode.apply(path.to()).getStatus().getPodIP(), path);
            }
            // the loopback probe is of the CQL port, the others of the internode port
            for (boolean cql : List.of(false, true)) {
                List<String> addresses = byAddress.keySet().stream().filter(a -> a.equals(LOOPBACK) == cql).toList();
                if (addresses.isEmpty()) {
                    continue;
                }
                ExecResult result = exec.exec(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                        Fixtures.CASSANDRA, Probe.command(addresses, cql ? CqlForwards.CQL_PORT : Probe.INTERNODE_PORT));
                Probe.dropped(result.output(), addresses).forEach((address, wasDropped) -> {
                    if (wasDropped != dropped) {
                        unproven.add(byAddress.get(address));
                    }
                });
            }
        });
        return unproven;
    }

    /** A path from node {@code from} to node {@code to}'s internode port, or (to null) to {@code from}'s own CQL port. */
    record Path(String from, String to) {
        static Path clientsOf(String node) {
            return new Path(node, null);
        }

        @Override
        public String toString() {
            return to == null ? "clients->" + from : from + "->" + to;
        }
    }
}
