package dev.faultline.nemesis;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one vocabulary of faults: what a scenario's {@code faults}, its {@code random-faults} and a lesson's steps and
 * heals call each kind, and what the history calls its ops ({@code start-kill}, {@code stop-kill}). Each context
 * takes the kinds it can play (a scenario's {@code restart} is a rolling restart of one node).
 */
public enum FaultKind {
    /** Links cut between groups of nodes, of any shape. */
    @JsonProperty("partition") PARTITION,
    /** The clients lose one node; the nodes still see each other. */
    @JsonProperty("clients-from-node") CLIENTS_FROM_NODE,
    @JsonProperty("kill") KILL,
    @JsonProperty("pause") PAUSE,
    @JsonProperty("drain") DRAIN,
    @JsonProperty("rolling-restart") ROLLING_RESTART,
    @JsonProperty("clock-skew") CLOCK_SKEW,
    /** The machine a node runs on is drained (cordoned, its pods evicted); Kubernetes backends, by the user's opt-in. */
    @JsonProperty("drain-machine") DRAIN_MACHINE,
    /** The machine a node runs on is stopped, as pulling its power cord would; k3s, by the user's opt-in. */
    @JsonProperty("kill-machine") KILL_MACHINE,
    /** What a node sends, slowed to a trickle, as over a congested link; backends that shape a node's network. */
    @JsonProperty("slow-network") SLOW_NETWORK;

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
