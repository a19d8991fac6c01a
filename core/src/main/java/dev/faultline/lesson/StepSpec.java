package dev.faultline.lesson;

import dev.faultline.history.Echo;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.Partitions;
import dev.faultline.scenario.Consistency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A step as YAML writes it: one kind key ({@code write: {key: x, value: 1, via: n1}}, {@code kill: n2},
 * {@code heal: all}…) and, for ops, {@code expect} per consistency level. {@code one-way} is a partition of one
 * direction, healed as a partition.
 */
record StepSpec(OpArgs read, OpArgs write, OpArgs cas, OpArgs add, List<List<String>> partition, OneWayArgs oneWay,
                String kill, String pause, String drain, ClockSkewArgs clockSkew, String drainMachine, String killMachine,
                String heal, HintsArgs hintedHandoff,
                AwaitArgs await, Duration sleep, Map<Consistency, ExpectedOutcome> expect) {

    /** The faults of the vocabulary a step can inject, each a step kind of its own; a heal names one of them. */
    static final Set<FaultKind> INJECTED = FaultKind.lessonSteps();
    /** Every step kind, in the order of this record's fields. */
    // one-way, a partition of one direction, follows partition
    static final String KINDS = "read, write, cas, add, " + FaultKind.ids(INJECTED).replace("partition", "partition, one-way")
            + ", heal, hinted-handoff, await, sleep";
    static final String DEFAULT_CLIENT = "client";

    record OpArgs(String key, Long value, Long from, Long to, String via, String client, Consistency at,
                  Long until, Duration within, String retryVia) {
    }

    record OneWayArgs(List<String> from, List<String> to) {
    }

    record ClockSkewArgs(String client, Duration offset) {
    }

    record HintsArgs(String node, Boolean enabled) {
    }

    record AwaitArgs(String node, String seesDown, String seesUp) {
    }

    /** The step this spec names; every problem is an {@link IllegalArgumentException} naming the field. */
    Step toStep() {
        List<String> kinds = new ArrayList<>();
        Object[] values = {read, write, cas, add, partition, oneWay, kill, pause, drain, clockSkew, drainMachine, killMachine,
                heal, hintedHandoff, await,
                sleep};
        String[] names = KINDS.split(", ");
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                kinds.add(names[i]);
            }
        }
        if (kinds.size() != 1) {
            throw new IllegalArgumentException("a step is exactly one of " + KINDS + "; this one is "
                    + (kinds.isEmpty() ? "none" : String.join(" and ", kinds)));
        }
        String kind = kinds.get(0);
        if (expect != null && read == null && write == null && cas == null && add == null) {
            throw new IllegalArgumentException("expect belongs to read, write, cas and add steps, not " + kind);
        }
        return switch (kind) {
            case "read", "write", "cas", "add" -> op(kind);
            case "partition" -> new Step.Inject(new Fault.Cut(partition.stream().map(g -> String.join(" ", g))
                    .collect(Collectors.joining(" | ")), Partitions.between(partition)), null);
            case "one-way" -> {
                require(oneWay.from(), "one-way.from");
                require(oneWay.to(), "one-way.to");
                if (oneWay.from().isEmpty() || oneWay.to().isEmpty()) {
                    throw new IllegalArgumentException("one-way needs a node in from and one in to");
                }
                yield new Step.Inject(new Fault.Cut(String.join(" ", oneWay.from()) + " -> " + String.join(" ", oneWay.to()),
                        Partitions.oneWay(oneWay.from(), oneWay.to())), null);
            }
            case "kill" -> new Step.Inject(new Fault.Kill(kill), null);
            case "pause" -> new Step.Inject(new Fault.Pause(pause), null);
            case "drain" -> new Step.Inject(new Fault.Drain(drain), null);
            case "clock-skew" -> {
                require(clockSkew.client(), "clock-skew.client");
                require(clockSkew.offset(), "clock-skew.offset");
                yield new Step.Inject(new Fault.ClockSkew(clockSkew.offset(), 1), clockSkew.client());
            }
            case "drain-machine" -> new Step.Inject(new Fault.DrainMachine(drainMachine), null);
            case "kill-machine" -> new Step.Inject(new Fault.KillMachine(killMachine), null);
            case "heal" -> heal(heal);
            case "hinted-handoff" -> {
                require(hintedHandoff.node(), "hinted-handoff.node");
                require(hintedHandoff.enabled(), "hinted-handoff.enabled");
                yield new Step.HintedHandoff(hintedHandoff.node(), hintedHandoff.enabled());
            }
            case "await" -> {
                require(await.node(), "await.node");
                if ((await.seesDown() == null) == (await.seesUp() == null)) {
                    throw new IllegalArgumentException("await needs exactly one of sees-down and sees-up");
                }
                yield new Step.Await(await.node(), await.seesUp() != null ? await.seesUp() : await.seesDown(), await.seesUp() != null);
            }
            default -> new Step.Sleep(sleep);
        };
    }

    private Step.Op op(String f) {
        OpArgs a = switch (f) {
            case "read" -> read;
            case "write" -> write;
            case "add" -> add;
            default -> cas;
        };
        require(a.key(), f + ".key");
        if (f.equals("write") || f.equals("add")) {
            require(a.value(), f + ".value");
        }
        if (!f.equals("add") && a.retryVia() != null) {
            throw new IllegalArgumentException(f + ": retry-via is for adds, which a timeout leaves undecided");
        }
        if (f.equals("cas")) {
            require(a.from(), "cas.from");
            require(a.to(), "cas.to");
        }
        if (!f.equals("write") && !f.equals("add") && a.value() != null) {
            throw new IllegalArgumentException(f + ".value is for writes and adds; a cas takes from and to");
        }
        if (!f.equals("cas") && (a.from() != null || a.to() != null)) {
            throw new IllegalArgumentException(f + ": from and to are for cas");
        }
        if (!f.equals("read") && (a.until() != null || a.within() != null)) {
            throw new IllegalArgumentException(f + ": until and within are for reads");
        }
        if (a.within() != null && a.until() == null) {
            throw new IllegalArgumentException("read.within needs read.until");
        }
        Duration within = a.until() == null ? null : a.within() == null ? Duration.ofSeconds(60) : a.within();
        return new Step.Op(f, a.key(), a.value(), a.from(), a.to(), a.via(),
                a.client() == null ? DEFAULT_CLIENT : a.client(), a.at(), a.until(), within, a.retryVia(),
                expect == null ? Map.of() : Map.copyOf(expect));
    }

    private static Step heal(String name) {
        if (name.equals(Step.HealAll.NAME)) {
            return new Step.HealAll();
        }
        return FaultKind.named(name).filter(INJECTED::contains).map(Step.Heal::new)
                .orElseThrow(() -> new IllegalArgumentException("heal '" + Echo.of(name) + "' is not a fault; allowed: "
                        + Step.HealAll.NAME + ", " + FaultKind.ids(INJECTED)));
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
