package dev.faultline.cluster;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * What only some backends can do to a node. Each backend and cluster lists its own; a run whose faults need
 * one its backend lacks is refused before anything starts, instead of failing when the fault comes due.
 */
public enum Capability {
    PAUSE("pause a node (freeze its processes, as SIGSTOP does)");

    private final String what;

    Capability(String what) {
        this.what = what;
    }

    public String what() {
        return what;
    }

    /** "the 'kube' backend cannot pause a node (…)", or null when {@code has} covers {@code needed}. */
    public static String refusal(String backend, Set<Capability> has, Set<Capability> needed) {
        String missing = needed.stream().filter(c -> !has.contains(c)).map(Capability::what)
                .collect(Collectors.joining(" or "));
        return missing.isEmpty() ? null : "the '" + backend + "' backend cannot " + missing;
    }
}
