package dev.faultline.lesson;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.faultline.cluster.Capability;
import dev.faultline.scenario.ClusterSpec;
import dev.faultline.scenario.Consistency;
import dev.faultline.scenario.Expectation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A deterministic scenario: the same steps in the same order, coordinators pinned, run once per
 * consistency level, so an anomaly appears every time. It asks a question and, once run, its report
 * shows what happened next to the answer.
 *
 * @param levels the consistency levels each op runs at, unless it names its own with {@code at}
 * @param expect what the checker must say per level, as for scenarios
 */
public record Lesson(String name, String question, String answer, ClusterSpec cluster, List<Consistency> levels,
                     List<Step> steps, Map<Consistency, Expectation> expect) {

    public Lesson {
        Objects.requireNonNull(name, "name is required");
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("name '" + name + "' must be lower-case letters, digits and dashes");
        }
        require(question, "question");
        require(answer, "answer");
        cluster = cluster == null ? ClusterSpec.DEFAULT : cluster;
        if (levels == null || levels.isEmpty()) {
            throw new IllegalArgumentException("levels is required: the consistency levels the steps run at, such as [ONE, QUORUM]");
        }
        levels = List.copyOf(levels);
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("steps is required: the ops and faults, in order");
        }
        steps = List.copyOf(steps);
        expect = expect == null ? Map.of() : Map.copyOf(expect);
        for (Consistency level : expect.keySet()) {
            if (!levels.contains(level)) {
                throw new IllegalArgumentException("expect names " + level + " but the lesson runs only at " + levels);
            }
        }
        boolean counts = counts(steps);
        for (int i = 0; i < steps.size(); i++) {
            try {
                validate(steps.get(i), cluster, levels);
                if (counts && steps.get(i) instanceof Step.Op op && (op.f().equals("write") || op.f().equals("cas"))) {
                    throw new IllegalArgumentException("a lesson that adds to counters reads and adds only; a " + op.f()
                            + " is for a lesson of registers");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("steps[" + i + "] (" + steps.get(i).describe() + "): " + e.getMessage());
            }
        }
    }

    /** The YAML form: steps as {@link StepSpec}s, each turned into its {@link Step} with the step's index in any error. */
    @JsonCreator
    static Lesson fromYaml(@JsonProperty("name") String name, @JsonProperty("question") String question,
                           @JsonProperty("answer") String answer, @JsonProperty("cluster") ClusterSpec cluster,
                           @JsonProperty("levels") List<Consistency> levels, @JsonProperty("steps") List<StepSpec> steps,
                           @JsonProperty("expect") Map<Consistency, Expectation> expect) {
        List<Step> converted = new ArrayList<>();
        for (int i = 0; steps != null && i < steps.size(); i++) {
            try {
                converted.add(steps.get(i).toStep());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("steps[" + i + "]: " + e.getMessage());
            }
        }
        return new Lesson(name, question, answer, cluster, levels, converted, expect);
    }

    /** What the backend must be able to do for the lesson's faults. */
    public Set<Capability> needs() {
        Set<Capability> needs = EnumSet.noneOf(Capability.class);
        steps.stream().filter(Step.Inject.class::isInstance).forEach(s -> needs.addAll(((Step.Inject) s).fault().needs()));
        return needs;
    }

    /** Whether the ops are of counters (add, read), each checked by the counter checker, rather than of registers. */
    public boolean counts() {
        return counts(steps);
    }

    private static boolean counts(List<Step> steps) {
        return steps.stream().anyMatch(s -> s instanceof Step.Op op && op.f().equals("add"));
    }

    /** The keys the ops use, in order of first use: each starts at 0 on every replica. */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        steps.stream().filter(Step.Op.class::isInstance).map(s -> ((Step.Op) s).key()).forEach(keys::add);
        return keys;
    }

    /**
     * Whether every write and compare-and-set puts a value no other step puts on its key, nor the 0 every key
     * starts with: the premise of the session checker, which names the write a read saw by its value.
     */
    public boolean writesEachValueOnce() {
        Map<String, Set<Long>> written = new HashMap<>();
        for (Step step : steps) {
            if (step instanceof Step.Op op && !op.f().equals("read")) {
                long value = op.f().equals("cas") ? op.to() : op.value();
                if (value == 0 || !written.computeIfAbsent(op.key(), k -> new HashSet<>()).add(value)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The clients the steps name (ops, and clock skew's client), in order of first use. */
    public Set<String> clients() {
        Set<String> clients = new LinkedHashSet<>();
        for (Step step : steps) {
            if (step instanceof Step.Op op) {
                clients.add(op.client());
            } else if (step instanceof Step.Inject inject && inject.client() != null) {
                clients.add(inject.client());
            }
        }
        return clients;
    }

    private static void validate(Step step, ClusterSpec cluster, List<Consistency> levels) {
        List<String> nodes = cluster.nodeNames();
        if (step instanceof Step.Op op) {
            requireNode(op.via(), "via", nodes);
            requireNode(op.retryVia(), "retry-via", nodes);
            boolean serialRun = op.at() == null && levels.stream().anyMatch(Lesson::serial);
            if (op.f().equals("write") && (serial(op.at()) || serialRun)) {
                throw new IllegalArgumentException("a write cannot run at SERIAL; give it its own level with 'at'");
            }
            for (Consistency level : op.expect().keySet()) {
                if (op.at() == null && !levels.contains(level)) {
                    throw new IllegalArgumentException("expect names " + level + " but the lesson runs only at " + levels);
                }
            }
        } else if (step instanceof Step.Inject inject) {
            for (String node : inject.fault().nodes()) {
                requireNode(node, inject.fault().name(), nodes);
            }
        } else if (step instanceof Step.HintedHandoff hints) {
            requireNode(hints.node(), "hinted-handoff.node", nodes);
        } else if (step instanceof Step.Await await) {
            requireNode(await.node(), "await.node", nodes);
            requireNode(await.peer(), "await.sees", nodes);
            if (!cluster.nodes().equals(cluster.replicationFactor())) {
                // the wait is a read at ALL coordinated by the node: with every key on every node, its refusal
                // as Unavailable means exactly that the node holds a peer down
                throw new IllegalArgumentException("await needs every key on every node: replication-factor equal to nodes");
            }
        } else if (step instanceof Step.Sleep sleep && (sleep.duration().isNegative() || sleep.duration().isZero())) {
            throw new IllegalArgumentException("sleep must be positive");
        }
    }

    private static boolean serial(Consistency level) {
        return level == Consistency.SERIAL || level == Consistency.LOCAL_SERIAL;
    }

    private static void requireNode(String node, String field, List<String> nodes) {
        if (node != null && !nodes.contains(node)) {
            throw new IllegalArgumentException(field + " '" + node + "' is not a node of this cluster; allowed: " + String.join(", ", nodes));
        }
    }

    private static void require(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
