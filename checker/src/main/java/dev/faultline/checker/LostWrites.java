package dev.faultline.checker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.history.History;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Acknowledged writes that a final read (after healing) does not hold, and values it holds twice:
 * the set workload's adds against its final read (by {@link LostWriteChecker}), and the sequence
 * writers' appends against one read-all per writer, compared writer by writer.
 *
 * @param lost       values acknowledged ok but missing from their key's final read
 * @param duplicates values a final read holds more than once (a writer that wrote a number twice)
 * @param unread     keys whose final read did not succeed, so nothing could be checked for them
 * @param findings   each lost, duplicated or never-written value with the ops that show it
 */
public record LostWrites(List<Object> lost, List<Object> duplicates, List<Object> unread, List<Finding> findings)
        implements CheckerResult {

    public static final String NAME = "lost-writes";
    /** The kind of a finding that is neither lost nor duplicated: the final read holds what no add attempted. */
    public static final String NEVER_WRITTEN = "never-written";

    public LostWrites {
        lost = List.copyOf(lost);
        duplicates = List.copyOf(duplicates);
        unread = List.copyOf(unread);
        findings = List.copyOf(findings);
    }

    public static LostWrites ofSet(History history) {
        List<Object> lost = new ArrayList<>();
        List<Object> unread = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (LostWriteChecker.Result result : LostWriteChecker.check(history)) {
            lost.addAll(result.lost());
            for (Operation add : result.lostAdds()) {
                findings.add(lostWrite(add, result.finalRead()));
            }
            for (Object element : result.unexpected()) {
                findings.add(new Finding(NEVER_WRITTEN, "Read a value never written", "the final read holds "
                        + Values.show(element) + ", which no add attempted", List.of(result.finalRead())));
            }
            if (result.verdict() == Verdict.UNKNOWN) {
                unread.add(Objects.requireNonNullElse(result.key(), "the set"));
            }
        }
        return new LostWrites(lost, List.of(), unread, findings);
    }

    /**
     * Whether the ops are a set's: adds of elements and reads that return collections, nothing else, as the set
     * workload (and Jepsen's set test) writes them, checked by their final read.
     */
    public static boolean fitsSet(List<Operation> ops) {
        return ops.stream().anyMatch(op -> op.f().equals("read") && op.outcome() == OpType.OK)
                && ops.stream().allMatch(op -> op.f().equals("add")
                        || op.f().equals("read") && (op.outcome() != OpType.OK || op.value() instanceof Collection<?>));
    }

    /** Whether the ops are the sequence writers': appends and read-alls of a writer's numbers, nothing else. */
    public static boolean fitsSequences(List<Operation> ops) {
        return ops.stream().anyMatch(op -> op.f().equals("read-all"))
                && ops.stream().allMatch(op -> op.f().equals("append") || op.f().equals("read-all"));
    }

    public static LostWrites ofSequences(History history) {
        Map<Object, List<Operation>> acknowledged = new LinkedHashMap<>();
        Map<Object, Operation> finalRead = new HashMap<>();
        Set<Object> keys = new LinkedHashSet<>();
        for (Operation op : history.operations()) {
            if (op.f().equals("append") && op.outcome() == OpType.OK) {
                acknowledged.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
                keys.add(op.key());
            } else if (op.f().equals("read-all")) {
                keys.add(op.key());
                if (op.outcome() == OpType.OK && op.value() instanceof Collection<?>) {
                    finalRead.put(op.key(), op);
                }
            }
        }
        List<Object> lost = new ArrayList<>();
        List<Object> duplicates = new ArrayList<>();
        List<Object> unread = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (Object key : keys) {
            Operation read = finalRead.get(key);
            if (read == null) {
                unread.add(Objects.requireNonNullElse(key, "the writer without a key"));
                continue;
            }
            Set<Object> seen = new HashSet<>();
            for (Object value : (Collection<?>) read.value()) {
                if (!seen.add(value)) {
                    duplicates.add(key + ":" + value);
                    findings.add(new Finding("duplicate", "Written twice", "the final read of " + key + " holds "
                            + Values.show(value) + " more than once", List.of(read)));
                }
            }
            for (Operation append : acknowledged.getOrDefault(key, List.of())) {
                if (!seen.contains(append.value())) {
                    lost.add(key + ":" + append.value());
                    findings.add(lostWrite(append, read));
                }
            }
        }
        return new LostWrites(lost, duplicates, unread, findings);
    }

    private static Finding lostWrite(Operation write, Operation finalRead) {
        return new Finding("lost-write", "Lost write", "op #" + write.invoke().index() + " wrote "
                + Values.show(write.value()) + (write.key() == null ? "" : " to " + write.key())
                + " and was acknowledged, but the final read (op #" + finalRead.invoke().index()
                + ", after every fault healed) does not hold it", List.of(write, finalRead));
    }

    @Override
    public String checker() {
        return NAME;
    }

    /** Invalid when anything was lost, duplicated or never written; unknown when a final read is missing and nothing was. */
    @Override
    public Validity validity() {
        boolean anomalies = !lost.isEmpty() || !duplicates.isEmpty() || !findings.isEmpty();
        return anomalies ? Validity.INVALID : unread.isEmpty() ? Validity.VALID : Validity.UNKNOWN;
    }

    @Override
    public String summary() {
        return switch (validity()) {
            case VALID -> "no acknowledged write lost";
            case UNKNOWN -> "no final read of " + unread;
            case INVALID -> lost.size() + " acknowledged " + (lost.size() == 1 ? "write" : "writes") + " lost, "
                    + duplicates.size() + " duplicated"
                    + (findings.stream().anyMatch(f -> f.kind().equals(NEVER_WRITTEN)) ? ", values never written read" : "");
        };
    }

    @Override
    public ObjectNode json() {
        ObjectNode node = ResultJson.base(this);
        node.set("lost", ResultJson.values(lost));
        node.set("duplicates", ResultJson.values(duplicates));
        node.set("unread", ResultJson.values(unread));
        return node;
    }

    static LostWrites read(ResultJson.Reader in) {
        return new LostWrites(in.values("lost"), in.values("duplicates"), in.values("unread"), in.findings());
    }
}
