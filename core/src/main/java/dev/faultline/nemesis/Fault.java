package dev.faultline.nemesis;

import dev.faultline.cluster.Capability;
import dev.faultline.cluster.Cluster;
import dev.faultline.cluster.Link;
import dev.faultline.cluster.NetworkShaping;
import dev.faultline.workload.ClientClock;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A fault as a value: what it does to a cluster, and how to undo it. Each inject and heal returns
 * only once the cluster is in the new state, so the history's fault windows are true.
 */
public sealed interface Fault {

    /** What the backend must be able to do for this fault, beyond what every backend does: its kind's. */
    default Set<Capability> needs() {
        return kind().needs();
    }

    /** Which fault of the one vocabulary this is. */
    FaultKind kind();

    /** What the nemesis op is called in the history, e.g. "partition" gives start-partition / stop-partition. */
    default String name() {
        return kind().id();
    }

    /** Which nodes, in a few words, for the history and the report. */
    String describe();

    /** The nodes it acts on, each once; none for a fault of the clients alone (clock skew). */
    List<String> nodes();

    void inject(Target target);

    void heal(Target target);

    /** A fault on one node, which its description names. */
    sealed interface OnNode extends Fault permits ClientsCut, Kill, Pause, Drain, DrainMachine, KillMachine, SlowNetwork {
        String node();

        @Override
        default String describe() {
            return node();
        }

        @Override
        default List<String> nodes() {
            return List.of(node());
        }
    }

    /** What a fault acts on: the cluster, and the clients' clocks for clock skew. */
    record Target(Cluster cluster, List<ClientClock> clocks) {
    }

    /** A network partition of any shape, as the one-way links it cuts; healing restores every link. */
    record Cut(String shape, Set<Link> links) implements Fault {
        @Override
        public FaultKind kind() {
            return FaultKind.PARTITION;
        }

        @Override
        public String describe() {
            return shape + ": " + links.stream().map(l -> l.from() + "->" + l.to()).sorted()
                    .collect(Collectors.joining(" "));
        }

        @Override
        public List<String> nodes() {
            return links.stream().flatMap(l -> Stream.of(l.from(), l.to())).distinct().toList();
        }

        @Override
        public void inject(Target target) {
            target.cluster().cut(links);
        }

        @Override
        public void heal(Target target) {
            target.cluster().heal();
        }
    }

    /** The clients (outside every node) lose one node; the nodes still see each other. */
    record ClientsCut(String node) implements OnNode {
        @Override
        public FaultKind kind() {
            return FaultKind.CLIENTS_FROM_NODE;
        }

        @Override
        public String describe() {
            return "clients | " + node;
        }

        @Override
        public void inject(Target target) {
            target.cluster().isolateFromClients(node);
        }

        @Override
        public void heal(Target target) {
            target.cluster().heal();
        }
    }

    /** SIGKILL, then a restart on the same data. */
    record Kill(String node) implements OnNode {
        @Override
        public FaultKind kind() {
            return FaultKind.KILL;
        }

        @Override
        public void inject(Target target) {
            target.cluster().kill(node);
        }

        @Override
        public void heal(Target target) {
            target.cluster().restart(node);
        }
    }

    /** SIGSTOP, then SIGCONT. */
    record Pause(String node) implements OnNode {
        @Override
        public FaultKind kind() {
            return FaultKind.PAUSE;
        }

        @Override
        public void inject(Target target) {
            target.cluster().pause(node);
        }

        @Override
        public void heal(Target target) {
            target.cluster().resume(node);
        }
    }

    /** Cassandra's drain and stop, then a start. */
    record Drain(String node) implements OnNode {
        @Override
        public FaultKind kind() {
            return FaultKind.DRAIN;
        }

        @Override
        public void inject(Target target) {
            target.cluster().drain(node);
        }

        @Override
        public void heal(Target target) {
            target.cluster().restart(node);
        }
    }

    /** The node's machine drained (cordoned, its pods evicted), then the node back on it. */
    record DrainMachine(String node) implements OnNode {
        @Override
        public FaultKind kind() {
            return FaultKind.DRAIN_MACHINE;
        }

        @Override
        public void inject(Target target) {
            target.cluster().drainMachineOf(node);
        }

        @Override
        public void heal(Target target) {
            target.cluster().restart(node);
        }
    }

    /** The node's machine stopped, then started and the node back on it. */
    record KillMachine(String node) implements OnNode {
        @Override
        public FaultKind kind() {
            return FaultKind.KILL_MACHINE;
        }

        @Override
        public void inject(Target target) {
            target.cluster().killMachineOf(node);
        }

        @Override
        public void heal(Target target) {
            target.cluster().restart(node);
        }
    }

    /** What the node sends capped at {@code kbitPerSecond}, then back to full speed. */
    record SlowNetwork(String node, int kbitPerSecond) implements OnNode {
        @Override
        public FaultKind kind() {
            return FaultKind.SLOW_NETWORK;
        }

        @Override
        public String describe() {
            return node + " at " + kbitPerSecond + " kbit/s";
        }

        @Override
        public void inject(Target target) {
            NetworkShaping.of(target.cluster()).slowNetwork(node, kbitPerSecond);
        }

        @Override
        public void heal(Target target) {
            NetworkShaping.of(target.cluster()).restoreNetwork(node);
        }
    }

    /** The given nodes restarted one after another, each up before the next ({@link Cluster#rollingRestart}); nothing left to heal. */
    record RollingRestart(List<String> nodes) implements Fault {
        @Override
        public FaultKind kind() {
            return FaultKind.ROLLING_RESTART;
        }

        @Override
        public String describe() {
            return String.join(" ", nodes);
        }

        @Override
        public void inject(Target target) {
            target.cluster().rollingRestart(nodes);
        }

        @Override
        public void heal(Target target) {
        }
    }

    /** The first {@code clients} clients stamp their writes {@code offset} off the true time. */
    record ClockSkew(Duration offset, int clients) implements Fault {
        @Override
        public FaultKind kind() {
            return FaultKind.CLOCK_SKEW;
        }

        @Override
        public String describe() {
            return clients + (clients == 1 ? " client " : " clients ") + offset.toMillis() + "ms";
        }

        @Override
        public List<String> nodes() {
            return List.of();
        }

        @Override
        public void inject(Target target) {
            skewed(target.clocks()).forEach(c -> c.skew(offset.toNanos() / 1000));
        }

        @Override
        public void heal(Target target) {
            skewed(target.clocks()).forEach(c -> c.skew(0));
        }

        private Collection<ClientClock> skewed(List<ClientClock> clocks) {
            return clocks.subList(0, Math.min(clients, clocks.size()));
        }
    }
}
