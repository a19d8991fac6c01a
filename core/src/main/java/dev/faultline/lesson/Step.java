package dev.faultline.lesson;

import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.scenario.Consistency;
import dev.faultline.scenario.Durations;
import dev.faultline.workload.Invocation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One step of a lesson, done in order: an op, a fault, a heal, a wait, or a change of a node's settings. */
public sealed interface Step {

    /** The step in a few words, for the progress lines and the report. */
    String describe();

    /**
     * An op by a named client: of a register (read, write, cas) or a counter (add of {@code value}, read).
     * {@code via} pins the coordinator; {@code at} overrides the level the lesson runs at; a read with {@code until}
     * repeats (every attempt recorded) until it returns that value or {@code within} has passed; an add with
     * {@code retryVia} is sent once more through that node if it times out, as an application retries, and recorded
     * as the one op it meant.
     */
    record Op(String f, String key, Long value, Long from, Long to, String via, String client, Consistency at,
              Long until, Duration within, String retryVia, Map<Consistency, ExpectedOutcome> expect) implements Step {

        public Invocation invocation() {
            return switch (f) {
                case "write", "add" -> new Invocation(f, key, value);
                case "cas" -> new Invocation(f, key, List.of(from, to));
                default -> new Invocation(f, key, null);
            };
        }

        @Override
        public String describe() {
            String what = switch (f) {
                case "write" -> "write " + key + " = " + value;
                case "cas" -> "cas " + key + " " + from + " -> " + to;
                case "add" -> "add " + value + " to " + key;
                default -> "read " + key + (until == null ? "" : " until it is " + until + " (at most " + Durations.format(within) + ")");
            };
            return client + ": " + what + (via == null ? "" : " via " + via) + (at == null ? "" : " at " + at)
                    + (retryVia == null ? "" : ", again via " + retryVia + " on a timeout");
        }
    }

    /** A fault that stays until a {@link Heal} names it (or the lesson ends); {@code client} is clock skew's. */
    record Inject(Fault fault, String client) implements Step {
        @Override
        public String describe() {
            if (fault instanceof Fault.Cut cut) {
                return "partition " + cut.shape();
            }
            if (fault instanceof Fault.ClockSkew skew) {
                return "clock skew: client " + client + "'s clock moves " + Durations.format(skew.offset());
            }
            return fault.name() + " " + fault.describe();
        }
    }

    /** Heals the newest fault of one kind (a one-way cut is of {@link FaultKind#PARTITION}). */
    record Heal(FaultKind kind) implements Step {
        @Override
        public String describe() {
            return "heal " + kind.id();
        }
    }

    /** Heals every fault still in place. */
    record HealAll() implements Step {
        static final String NAME = "all";

        @Override
        public String describe() {
            return "heal " + NAME;
        }
    }

    /** Hinted handoff on or off on one node. */
    record HintedHandoff(String node, boolean enabled) implements Step {
        @Override
        public String describe() {
            return "hinted handoff " + (enabled ? "on" : "off") + " on " + node;
        }
    }

    /** Waits until {@code node}'s failure detector holds {@code peer} up (or down). */
    record Await(String node, String peer, boolean up) implements Step {
        @Override
        public String describe() {
            return "wait until " + node + " sees " + peer + (up ? " up" : " down");
        }
    }

    record Sleep(Duration duration) implements Step {
        @Override
        public String describe() {
            return "sleep " + Durations.format(duration);
        }
    }
}
