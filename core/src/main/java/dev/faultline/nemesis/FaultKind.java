package dev.faultline.nemesis;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.faultline.cluster.Capability;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one vocabulary of faults: what a scenario's {@code faults}, its {@code random-faults} and a lesson's steps and
 * heals call each kind, and what the history calls its ops ({@code start-kill}, {@code stop-kill}). Each context
 * takes the kinds it can play (a scenario's {@code restart} is a rolling restart of one node).
 */
public enum FaultKind {
    /** Links cut between groups of nodes, of any shape. */
    @JsonProperty("partition") PARTITION(true, true, null),
    /** The clients lose one node; the nodes still see each other. */
    @JsonProperty("clients-from-node") CLIENTS_FROM_NODE(true, false, null),
    @JsonProperty("kill") KILL(true, true, null),
    @JsonProperty("pause") PAUSE(true, true, Capability.PAUSE),
    @JsonProperty("drain") DRAIN(true, true, null),
    @JsonProperty("rolling-restart") ROLLING_RESTART(false, false, null),
    @JsonProperty("clock-skew") CLOCK_SKEW(false, true, null),
    /** The machine a node runs on is drained (cordoned, its pods evicted); Kubernetes backends, by the user's opt-in. */
    @JsonProperty("drain-machine") DRAIN_MACHINE(true, true, Capability.DRAIN_MACHINE),
    /** The machine a node runs on is stopped, as pulling its power cord would; k3s, by the user's opt-in. */
    @JsonProperty("kill-machine") KILL_MACHINE(true, true, Capability.KILL_MACHINE),
    /** What a node sends, slowed to a trickle, as over a congested link; backends that shape a node's network. */
    @JsonProperty("slow-network") SLOW_NETWORK(false, false, Capability.SLOW_NETWORK);

    private final boolean drawn;
    private final boolean lessonStep;
    private final Capability needs;

    /**
     * @param drawn      random faults may draw it (one node picked, nothing else to say)
     * @param lessonStep a lesson step may inject it (a heal then takes its name)
     * @param needs      what the backend must be able to do for it, beyond what every backend does; null: nothing
     */
    FaultKind(boolean drawn, boolean lessonStep, Capability needs) {
        this.drawn = drawn;
        this.lessonStep = lessonStep;
        this.needs = needs;
    }

    /** The kinds random faults may draw, in the vocabulary's order. */
    public static Set<FaultKind> drawnAtRandom() {
        return Collections.unmodifiableSet(Arrays.stream(values()).filter(k -> k.drawn)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultKind.class))));
    }

    /** The kinds a lesson step may inject, in the vocabulary's order. */
    public static Set<FaultKind> lessonSteps() {
        return Collections.unmodifiableSet(Arrays.stream(values()).filter(k -> k.lessonStep)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultKind.class))));
    }

    /** What the backend must be able to do for a fault of this kind, beyond what every backend does. */
    public Set<Capability> needs() {
        return needs == null ? Set.of() : Set.of(needs);
    }

    /** The kind's name in YAML and in the history, e.g. {@code clients-from-node}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<FaultKind> named(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
    }

    /** The kinds' names, comma-separated, in the vocabulary's order: for "allowed: …" in error messages. */
    public static String ids(Collection<FaultKind> kinds) {
        return Arrays.stream(values()).filter(kinds::contains).map(FaultKind::id).collect(Collectors.joining(", "));
    }
}
