package dev.faultline.cluster;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * What only some backends can do to a node. Each backend and cluster lists its own; a run whose faults need
 * one its backend lacks is refused before anything starts, instead of failing when the fault comes due.
 */
public enum Capability {
    PAUSE("pause a node (freeze its processes, as SIGSTOP does)", "local, k3s"),
    /** Machines are shared with whatever else runs on them, so a backend offers this only when the user allowed it. */
    DRAIN_MACHINE("drain a node's machine (cordon it, evict its pods)", "k3s or kube, with --allow-machine-faults"),
    KILL_MACHINE("stop a node's machine", "k3s, with --allow-machine-faults"),
    /** Offered by a cluster that is a {@link NetworkShaping}. */
    SLOW_NETWORK("slow what a node sends (a token bucket on its network interface)", "local");

    private final String what;
    private final String where;

    Capability(String what, String where) {
        this.what = what;
        this.where = where;
    }

    public String what() {
        return what;
    }

    /** The backends that can, as a user would ask for them. */
    public String where() {
        return where;
    }

    /** "local, k3s" for the capabilities {@code has} lacks of {@code needed}: where the run could go instead. */
    public static String whereMissing(Set<Capability> has, Set<Capability> needed) {
        return needed.stream().filter(c -> !has.contains(c)).sorted().map(Capability::where).distinct()
                .collect(Collectors.joining("; "));
    }

    /** "the 'kube' backend cannot pause a node (…)", or null when {@code has} covers {@code needed}. */
    public static String refusal(String backend, Set<Capability> has, Set<Capability> needed) {
        String missing = needed.stream().filter(c -> !has.contains(c)).map(Capability::what)
                .collect(Collectors.joining(" or "));
        return missing.isEmpty() ? null : "the '" + backend + "' backend cannot " + missing;
    }
}
