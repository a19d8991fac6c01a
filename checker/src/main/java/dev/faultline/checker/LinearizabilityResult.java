package dev.faultline.checker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.history.History;
import dev.faultline.history.Operation;

import dev.faultline.history.Echo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The linearizability checker's result in the protocol's shape: the search's {@link CheckResult},
 * and each violated key told as an {@link Anomaly} (a stale read, a lost update, or neither).
 */
public record LinearizabilityResult(CheckResult check, List<Finding> findings) implements CheckerResult {

    public static final String NAME = "linearizability";

    public LinearizabilityResult {
        findings = List.copyOf(findings);
    }

    /** Tells each violation of {@code check}; {@code history} is the one checked. */
    public static LinearizabilityResult of(CheckResult check, History history) {
        boolean clocksSkewed = Availability.of(history).clocksSkewed();
        List<Finding> findings = new ArrayList<>();
        for (PartitionResult p : check.violations()) {
            Counterexample why = p.counterexample();
            Anomaly anomaly = Anomaly.of(why, history.operations(), clocksSkewed);
            List<Operation> ops = new ArrayList<>(why.longestPrefix().stream().map(Counterexample.Step::op).toList());
            ops.add(why.unlinearizable());
            findings.add(new Finding(anomaly.kind().id(), anomaly.kind().title(), "key " + p.key() + ": " + anomaly.sentence(), ops));
        }
        return new LinearizabilityResult(check, findings);
    }

    @Override
    public String checker() {
        return NAME;
    }

    @Override
    public Validity validity() {
        return check.verdict().validity();
    }

    @Override
    public String summary() {
        int keys = check.partitions().size();
        return switch (check.verdict()) {
            case LINEARIZABLE -> "linearizable (" + keys + (keys == 1 ? " key)" : " keys)");
            case NOT_LINEARIZABLE -> "not linearizable: " + check.violations().size() + " of " + keys + " keys";
            case UNKNOWN -> "unknown: " + check.partitions().stream().filter(p -> p.verdict() == Verdict.UNKNOWN).count()
                    + " of " + keys + " keys undecided";
        };
    }

    @Override
    public ObjectNode json() {
        ObjectNode node = ResultJson.base(this);
        node.put("model", check.model());
        node.put("verdict", check.verdict().name());
        node.put("check_ms", check.elapsed().toMillis());
        ArrayNode keys = node.putArray("keys");
        for (PartitionResult p : check.partitions()) {
            ObjectNode k = keys.addObject();
            k.put("key", String.valueOf(p.key()));
            k.put("verdict", p.verdict().name());
            k.put("operations", p.operations());
            if (p.unknownReason() != null) {
                k.put("unknown_reason", p.unknownReason());
            }
            if (p.counterexample() != null) {
                k.set("counterexample", counterexample(p.counterexample()));
            }
        }
        return node;
    }

    private static ObjectNode counterexample(Counterexample c) {
        ObjectNode node = ResultJson.JSON.createObjectNode();
        node.set("unlinearizable", ResultJson.op(c.unlinearizable()));
        node.put("state_before", c.stateBefore());
        ArrayNode concurrent = node.putArray("concurrent");
        c.concurrent().forEach(op -> concurrent.add(ResultJson.op(op)));
        ArrayNode prefix = node.putArray("longest_prefix");
        for (Counterexample.Step step : c.longestPrefix()) {
            prefix.addObject().<ObjectNode>set("op", ResultJson.op(step.op())).put("state_after", step.stateAfter());
        }
        return node;
    }

    static LinearizabilityResult read(ResultJson.Reader in) {
        List<PartitionResult> partitions = new ArrayList<>();
        for (JsonNode key : in.node().path("keys")) {
            Counterexample why = null;
            JsonNode c = key.get("counterexample");
            if (c != null) {
                List<Counterexample.Step> prefix = new ArrayList<>();
                for (JsonNode step : c.path("longest_prefix")) {
                    prefix.add(new Counterexample.Step(in.op(step.get("op")), step.path("state_after").asText()));
                }
                why = new Counterexample(in.op(c.get("unlinearizable")), c.path("state_before").asText(),
                        in.ops(c.path("concurrent")), prefix);
            }
            Verdict verdict = verdict(key.path("verdict").asText());
            if (verdict == Verdict.NOT_LINEARIZABLE && why == null) {
                throw new IllegalArgumentException("linearizability result: key " + Echo.of(key.path("key").asText())
                        + " is NOT_LINEARIZABLE without its counterexample");
            }
            partitions.add(new PartitionResult(key.path("key").asText(), verdict,
                    key.path("operations").asInt(), why, key.path("unknown_reason").asText(null), 0));
        }
        CheckResult check = new CheckResult(in.node().path("model").asText("register"),
                verdict(in.required("verdict").asText()), partitions, Duration.ofMillis(in.node().path("check_ms").asLong()));
        return new LinearizabilityResult(check, in.findings());
    }

    private static Verdict verdict(String name) {
        try {
            return Verdict.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("verdict '" + name + "' is not one of LINEARIZABLE, NOT_LINEARIZABLE, UNKNOWN");
        }
    }
}
