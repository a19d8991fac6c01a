package dev.faultline.cluster.k8s;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The shell scripts that change a pod's rules. Every rule carries the run's comment, so healing removes the
 * run's rules and nothing else (a service mesh or the CNI may keep rules of its own there).
 */
final class Iptables {

    private Iptables() {
    }

    static String comment(String runId) {
        return "faultline-" + runId;
    }

    /** Inserts each rule at the top of its chain; {@code -w} waits for the xtables lock instead of failing. */
    static String insert(String runId, Collection<DropRule> rules) {
        return rules.stream().map(r -> "iptables -w -I " + r.match() + " -m comment --comment " + comment(runId) + " -j DROP")
                .collect(Collectors.joining(" && "));
    }

    /** Deletes every rule carrying the run's comment: {@code iptables -S} lists them as {@code -A …}, deleted as {@code -D …}. */
    static String removeAll(String runId) {
        return "iptables -w -S | grep -F -e '--comment " + comment(runId) + " ' | sed 's/^-A /-D /'"
                + " | while read -r rule; do iptables -w $rule || exit 1; done";
    }
}
