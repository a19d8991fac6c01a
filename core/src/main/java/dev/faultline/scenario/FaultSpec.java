package dev.faultline.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.Partitions;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * One fault on the schedule: injected {@code at} a time after the run starts and healed
 * {@code heal-after} later (or at the end of the run when that is absent). A node of
 * {@code random} is picked from the scenario's seed.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "fault")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FaultSpec.Partition.class, name = "partition"),
    @JsonSubTypes.Type(value = FaultSpec.Kill.class, name = "kill"),
    @JsonSubTypes.Type(value = FaultSpec.Pause.class, name = "pause"),
    @JsonSubTypes.Type(value = FaultSpec.Drain.class, name = "drain"),
    @JsonSubTypes.Type(value = FaultSpec.Restart.class, name = "restart"),
    @JsonSubTypes.Type(value = FaultSpec.RollingRestart.class, name = "rolling-restart"),
    @JsonSubTypes.Type(value = FaultSpec.ClockSkew.class, name = "clock-skew"),
    @JsonSubTypes.Type(value = FaultSpec.DrainMachine.class, name = "drain-machine"),
    @JsonSubTypes.Type(value = FaultSpec.KillMachine.class, name = "kill-machine"),
    @JsonSubTypes.Type(value = FaultSpec.SlowNetwork.class, name = "slow-network")})
public sealed interface FaultSpec {

    Duration at();

    /** How long the fault lasts; null: until the end of the run. */
    Duration healAfter();

    /**
     * The fault this spec asks for, on these nodes; random choices (a node of {@code random}, a
     * random shape) are drawn from {@code random}. Every spec maps itself, so a new one does not
     * compile until it says what it does.
     */
    Fault fault(List<String> nodes, Random random);

    /** The same fault with its times ({@code at}, {@code heal-after}) multiplied by {@code factor}. */
    FaultSpec scaled(double factor);

    /** Cross-field checks against the cluster and the run's length. */
    default void validate(ClusterSpec cluster, Duration runLength) {
        if (at().isNegative() || at().compareTo(runLength) >= 0) {
            throw new IllegalArgumentException(
                    "fault at " + Durations.format(at()) + " must fall inside the run (0 to " + Durations.format(runLength) + ")");
        }
        if (healAfter() != null && (healAfter().isZero() || healAfter().isNegative())) {
            throw new IllegalArgumentException("heal-after must be positive, got " + Durations.format(healAfter()));
        }
    }

    /** The named node, or one drawn from {@code random} when it is absent or {@code random}. */
    static String pick(String node, List<String> nodes, Random random) {
        return node == null || node.equals("random") ? nodes.get(random.nextInt(nodes.size())) : node;
    }

    static Fault isolate(String node, List<String> nodes) {
        return new Fault.Cut("isolate " + node, Partitions.isolate(nodes, node));
    }

    /** How a partition splits the nodes (and the clients, which sit outside every node). */
    enum Grouping {
        /** One node alone, the others together. */
        @JsonProperty("isolate-one") ISOLATE_ONE,
        /** Two random halves. */
        @JsonProperty("halves") HALVES,
        /** Two halves joined by one node that sees both. */
        @JsonProperty("bridge") BRIDGE,
        /** Each node sees a majority, no two the same one (needs 3 or more nodes). */
        @JsonProperty("majorities-ring") MAJORITIES_RING,
        /** The clients lose one node; the nodes still see each other. */
        @JsonProperty("clients-from-node") CLIENTS_FROM_NODE
    }

    record Partition(Grouping grouping, String node, Duration at, Duration healAfter) implements FaultSpec {
        public Partition {
            grouping = grouping == null ? Grouping.ISOLATE_ONE : grouping;
            at = at == null ? Duration.ZERO : at;
        }

        @Override
        public FaultSpec scaled(double factor) {
            return new Partition(grouping, node, Durations.scaled(at, factor), Durations.scaled(healAfter, factor));
        }

        @Override
        public Fault fault(List<String> nodes, Random random) {
            return switch (grouping) {
                case ISOLATE_ONE -> FaultSpec.isolate(FaultSpec.pick(node, nodes, random), nodes);
                case HALVES -> new Fault.Cut("halves", Partitions.halves(nodes, random));
                case BRIDGE -> new Fault.Cut("bridge", Partitions.bridge(nodes, random));
                case MAJORITIES_RING -> new Fault.Cut("majorities-ring", Partitions.majoritiesRing(nodes, random));
                case CLIENTS_FROM_NODE -> new Fault.ClientsCut(FaultSpec.pick(node, nodes, random));
            };
        }

        @Override
        public void validate(ClusterSpec cluster, Duration runLength) {
            FaultSpec.super.validate(cluster, runLength);
            cluster.requireNode(node, "partition node");
            if (node != null && grouping != Grouping.ISOLATE_ONE && grouping != Grouping.CLIENTS_FROM_NODE) {
                throw new IllegalArgumentException("partition node is only for isolate-one and clients-from-node");
            }
            if (cluster.nodes() < (grouping == Grouping.MAJORITIES_RING || grouping == Grouping.BRIDGE ? 3 : 2)) {
                throw new IllegalArgumentException("a " + grouping.name().toLowerCase().replace('_', '-')
                        + " partition needs more nodes than " + cluster.nodes());
            }
        }
    }

    /** SIGKILL the node's Cassandra; healing restarts it on the same data. */
    record Kill(String node, Duration at, Duration healAfter) implements FaultSpec {
        public Kill {
            at = at == null ? Duration.ZERO : at;
        }

        @Override
        public FaultSpec scaled(double factor) {
            return new Kill(node, Durations.scaled(at, factor), Durations.scaled(healAfter, factor));
        }

        @Override
        public Fault fault(List<String> nodes, Random random) {
            return new Fault.Kill(FaultSpec.pick(node, nodes, random));
        }

        @Override
        public void validate(ClusterSpec cluster, Duration runLength) {
            FaultSpec.super.validate(cluster, runLength);
            cluster.requireNode(node, "kill node");
        }
    }

    /** SIGSTOP the node; healing sends SIGCONT. */
    record Pause(String node, Duration at, Duration healAfter) implements FaultSpec {
        public Pause {
            at = at == null ? Duration.ZERO : at;
        }

        @Override
        public FaultSpec scaled(double factor) {
            return new Pause(node, Durations.scaled(at, factor), Durations.scaled(healAfter, factor));
        }

        @Override
        public Fault fault(List<String> nodes, Random random) {
            return new Fault.Pause(FaultSpec.pick(node, nodes, random));
        }

        @Override
        public void validate(ClusterSpec cluster, Duration runLength) {
            FaultSpec.super.validate(cluster, runLength);
            cluster.requireNode(node, "pause node");
        }
    }

    /** Cassandra's own drain, then stop; healing starts the node again. */
    record Drain(String node, Duration at, Duration healAfter) implements FaultSpec {
        public Drain {
            at = at == null ? Duration.ZERO : at;
        }

        @Override
        public FaultSpec scaled(double factor) {
            return new Drain(node, Durations.scaled(at, factor), Durations.scaled(healAfter, factor));
        }

        @Override
        public Fault fault(List<String> nodes, Random random) {
            return new Fault.Drain(FaultSpec.pick(node, nodes, random));
        }

        @Override
        public void validate(ClusterSpec cluster, Duration runLength) {
            FaultSpec.super.validate(cluster, runLength);
            cluster.requireNode(node, "drain node");
        }
    }

    /** The node's machine drained (cordoned, its pods evicted); healing brings the node back on it. */
    record DrainMachine(String node, Duration at, Duration healAfter) implements FaultSpec {
        public DrainMachine {
            at = at == null ? Duration.ZERO : at;
        }

        @Override
        public FaultSpec scaled(double factor) {
            return new DrainMachine(node, Durations.scaled(at, factor), Durations.scaled(healAfter, factor));
        }

        @Override
        public Fault fault(List<String> nodes, Random random) {
            return new Fault.DrainMachine(FaultSpec.pick(node, nodes, random));
        }

        @Override
        public void validate(ClusterSpec cluster, Duration runLength) {
            FaultSpec.super.validate(cluster, runLength);
            cluster.requireNode(node, "drain-machine node");
        }
    }

    /** The node's machine stopped; healing starts it and the node again. */
    record KillMachine(String node, Duration at, Duration healAfter) implements FaultSpec {
        public KillMachine {
            at = at == null ? Duration.ZERO : at;
        }

        @Override
        public FaultSpec scaled(double factor) {
            return new KillMachine(node, Durations.scaled(at, factor), Durations.scaled(healAfter, factor));
        }

        @Override
        public Fault fault(List<String> nodes, Random random) {
            return new Fault.KillMachine(FaultSpec.pick(node, nodes, random));
        }

        @Override
        public void validate(ClusterSpec cluster, Duration runLength) {
            FaultSpec.super.validate(cluster, runLength);
            cluster.requireNode(node, "kill-machine node");
        }
    }

    /** What the node sends capped at {@code rate-kbit} kilobits a second (default 256), as over a congested link. */
    record SlowNetwork(String node, Integer rateKbit, Duration at, Duration healAfter) implements FaultSpec {
        static final int DEFAULT_KBIT = 256;
        static final int MAX_KBIT = 1_000_000;

        public SlowNetwork {
            at = at == null ? Duration.ZERO : at;
            rateKbit = rateKbit == null ? DEFAULT_KBIT : rateKbit;
        }

        @Override
        public FaultSpec scaled(double factor) {
            return new SlowNetwork(node, rateKbit, Durations.scaled(at, factor), Durations.scaled(healAfter, factor));
        }

        @Override
        public Fault fault(List<String> nodes, Random random) {
            return new Fault.SlowNetwork(FaultSpec.pick(node, nodes, random), rateKbit);
        }

        @Override
        public void validate(ClusterSpec cluster, Duration runLength) {
            FaultSpec.super.validate(cluster, runLength);
            cluster.requireNode(node, "slow-network node");
            if (rateKbit < 8 || rateKbit > MAX_KBIT) {
                throw new IllegalArgumentException("slow-network rate-kbit is " + rateKbit + "; allowed: 8 to " + MAX_KBIT);
            }
        }
    }

    /** A graceful stop and start of one node, done when it serves again. */
    record Restart(String node, Duration at) implements FaultSpec {
        public Restart {
            at = at == null ? Duration.ZERO : at;
        }

        @Override
        public FaultSpec scaled(double factor) {
            return new Restart(node, Durations.scaled(at, factor));
        }

        @Override
        public Fault fault(List<String> nodes, Random random) {
            return new Fault.RollingRestart(List.of(FaultSpec.pick(node, nodes, random)));
        }

        @Override
        public Duration healAfter() {
            return null;
        }

        @Override
        public void validate(ClusterSpec cluster, Duration runLength) {
            FaultSpec.super.validate(cluster, runLength);
            cluster.requireNode(node, "restart node");
        }
    }

    /** Every node restarted in turn, each back before the next goes, as a rolling upgrade does. */
    record RollingRestart(Duration at) implements FaultSpec {
        public RollingRestart {
            at = at == null ? Duration.ZERO : at;
        }

        @Override
        public FaultSpec scaled(double factor) {
            return new RollingRestart(Durations.scaled(at, factor));
        }

        @Override
        public Fault fault(List<String> nodes, Random random) {
            return new Fault.RollingRestart(nodes);
        }

        @Override
        public Duration healAfter() {
            return null;
        }
    }

    /**
     * Shift the write timestamps of some clients by {@code offset}: last-write-wins then lets an
     * older-stamped write silently lose to a newer one.
     */
    record ClockSkew(Duration offset, Integer clients, Duration at, Duration healAfter) implements FaultSpec {
        public ClockSkew {
            if (offset == null || offset.isZero()) {
                throw new IllegalArgumentException("clock-skew needs a non-zero offset, such as -5s or 2s");
            }
            clients = clients == null ? 1 : clients;
            if (clients < 1 || clients > WorkloadSpec.MAX_CONCURRENCY) {
                // a skewed client is one of the workload's clients, of which there are at most MAX_CONCURRENCY
                throw new IllegalArgumentException("clock-skew clients is " + clients + "; allowed: 1 to "
                        + WorkloadSpec.MAX_CONCURRENCY);
            }
            at = at == null ? Duration.ZERO : at;
        }

        @Override
        public FaultSpec scaled(double factor) {
            return new ClockSkew(offset, clients, Durations.scaled(at, factor), Durations.scaled(healAfter, factor));
        }

        @Override
        public Fault fault(List<String> nodes, Random random) {
            return new Fault.ClockSkew(offset, clients);
        }
    }
}
