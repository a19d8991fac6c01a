package dev.faultline.scenario;

import java.time.Duration;
import java.util.function.BiFunction;

/**
 * Faults written as sentences, for {@link ScenarioBuilder#fault(Faults.Timed)}:
 * {@code Faults.isolate("n3").at(ofSeconds(4)).healAfter(ofSeconds(10))}. A fault starts at the
 * run's beginning and lasts to its end unless told otherwise; a node of {@code "random"} is drawn
 * from the scenario's seed.
 */
public final class Faults {

    private Faults() {
    }

    /** {@code node} cut off from every other node, both ways. */
    public static Timed isolate(String node) {
        return new Timed((at, heal) -> new FaultSpec.Partition(FaultSpec.Grouping.ISOLATE_ONE, node, at, heal));
    }

    /** A partition of the given shape over random nodes. */
    public static Timed partition(FaultSpec.Grouping grouping) {
        return new Timed((at, heal) -> new FaultSpec.Partition(grouping, null, at, heal));
    }

    /** The clients lose {@code node}; the nodes still see each other. */
    public static Timed clientsCutFrom(String node) {
        return new Timed((at, heal) -> new FaultSpec.Partition(FaultSpec.Grouping.CLIENTS_FROM_NODE, node, at, heal));
    }

    /** SIGKILL of {@code node}'s Cassandra; healing restarts it on the same data. */
    public static Timed kill(String node) {
        return new Timed((at, heal) -> new FaultSpec.Kill(node, at, heal));
    }

    /** SIGSTOP of {@code node}; healing sends SIGCONT. */
    public static Timed pause(String node) {
        return new Timed((at, heal) -> new FaultSpec.Pause(node, at, heal));
    }

    /** Cassandra's own drain and stop of {@code node}; healing starts it again. */
    public static Timed drain(String node) {
        return new Timed((at, heal) -> new FaultSpec.Drain(node, at, heal));
    }

    /** The machine {@code node} runs on drained (Kubernetes, with the user's opt-in); healing brings the node back. */
    public static Timed drainMachine(String node) {
        return new Timed((at, heal) -> new FaultSpec.DrainMachine(node, at, heal));
    }

    /** The machine {@code node} runs on stopped (k3s, with the user's opt-in); healing starts it and the node. */
    public static Timed killMachine(String node) {
        return new Timed((at, heal) -> new FaultSpec.KillMachine(node, at, heal));
    }

    /** What {@code node} sends capped at {@code kbitPerSecond}, as over a congested link (the local backend). */
    public static Timed slowNetwork(String node, int kbitPerSecond) {
        return new Timed((at, heal) -> new FaultSpec.SlowNetwork(node, kbitPerSecond, at, heal));
    }

    /** A graceful stop and start of {@code node}, done when it serves again (nothing to heal). */
    public static Timed restart(String node) {
        return new Timed((at, heal) -> new FaultSpec.Restart(node, at));
    }

    /** Every node restarted in turn, each back before the next goes. */
    public static Timed rollingRestart() {
        return new Timed((at, heal) -> new FaultSpec.RollingRestart(at));
    }

    /** The first {@code clients} clients stamp their writes {@code offset} off the true time. */
    public static Timed clockSkew(Duration offset, int clients) {
        return new Timed((at, heal) -> new FaultSpec.ClockSkew(offset, clients, at, heal));
    }

    /** A fault with its place on the run's clock; each call returns a new value. */
    public static final class Timed {
        private final BiFunction<Duration, Duration, FaultSpec> make;
        private final Duration at;
        private final Duration healAfter;

        private Timed(BiFunction<Duration, Duration, FaultSpec> make) {
            this(make, null, null);
        }

        private Timed(BiFunction<Duration, Duration, FaultSpec> make, Duration at, Duration healAfter) {
            this.make = make;
            this.at = at;
            this.healAfter = healAfter;
        }

        /** When the fault starts, after the run's beginning. */
        public Timed at(Duration start) {
            return new Timed(make, start, healAfter);
        }

        /** How long it lasts before it is healed. */
        public Timed healAfter(Duration length) {
            return new Timed(make, at, length);
        }

        public FaultSpec build() {
            return make.apply(at, healAfter);
        }
    }
}
