package dev.faultline.checker;

import com.fasterxml.jackson.databind.JsonNode;
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
 * the set workload's adds against its final read in Jepsen's categories (by {@link LostWriteChecker},
 * whose semantics it states), and the sequence writers' appends against one read-all per writer,
 * compared writer by writer.
 *
 * @param lost       values known written but missing from their key's final read
 * @param duplicates values a final read holds more than once (a writer that wrote a number twice)
 * @param unread     keys whose final read did not succeed, so nothing could be checked for them
 * @param findings   each lost, duplicated, unexpected or stale value with the ops that show it
 * @param set        a set's counts in Jepsen's categories; null for the sequence writers
 */
public record LostWrites(List<Object> lost, List<Object> duplicates, List<Object> unread, List<Finding> findings,
        SetCounts set) implements CheckerResult {

    public static final String NAME = "lost-writes";
    public static final String LOST = "lost-write";
    public static final String DUPLICATE = "duplicate";
    /** The final read holds an element no add attempted. */
    public static final String UNEXPECTED = "unexpected";
    /** The final read holds an element whose every add failed: the database applied an add it reported as failed. */
    public static final String APPLIED_THOUGH_FAILED = "applied-though-failed";
    /** A read missed elements known before it began, which the final read holds: told, never held against the set. */
    public static final String STALE_READ = "stale-read";
    private static final Set<String> ANOMALIES = Set.of(LOST, DUPLICATE, UNEXPECTED, APPLIED_THOUGH_FAILED);

    /** A set's final read in Jepsen's categories (elements), and how many reads were stale. */
    public record SetCounts(int ok, int lost, int unexpected, int recovered, int appliedThoughFailed, int staleReads) {}

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
        int[] counts = new int[6];
        for (LostWriteChecker.Result result : LostWriteChecker.check(history)) {
            lost.addAll(result.lost());
            for (int i = 0; i < result.lost().size(); i++) {
                findings.add(lost(result.lost().get(i), result.lostBecause().get(i), result.finalRead()));
            }
            for (Object element : result.unexpected()) {
                findings.add(new Finding(UNEXPECTED, "Read an element no add attempted", "the final read holds "
                        + Values.show(element) + ", which no add attempted", List.of(result.finalRead())));
            }
            for (Object element : result.appliedFailed()) {
                findings.add(appliedThoughFailed(element, history, result));
            }
            for (LostWriteChecker.StaleRead stale : result.stale()) {
                findings.add(new Finding(STALE_READ, "Stale read", "op #" + stale.read().invoke().index() + " missed "
                        + stale.missed().size() + (stale.missed().size() == 1 ? " element" : " elements") + " ("
                        + examples(stale.missed()) + ") known present before it began, which the final read holds",
                        List.of(stale.read(), result.finalRead())));
            }
            if (result.verdict() == Verdict.UNKNOWN) {
                unread.add(Objects.requireNonNullElse(result.key(), "the set"));
            }
            counts[0] += result.ok();
            counts[1] += result.lost().size();
            counts[2] += result.unexpected().size();
            counts[3] += result.recovered().size();
            counts[4] += result.appliedFailed().size();
            counts[5] += result.stale().size();
        }
        return new LostWrites(lost, List.of(), unread, findings,
                new SetCounts(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]));
    }

    private static Finding appliedThoughFailed(Object element, History history, LostWriteChecker.Result result) {
        List<Operation> adds = history.operations().stream()
                .filter(op -> op.f().equals("add") && Objects.equals(op.key(), result.key()) && element.equals(op.value()))
                .toList();
        List<Operation> shown = new ArrayList<>(adds);
        shown.add(result.finalRead());
        String failed = adds.size() == 1
                ? "its add, op #" + adds.get(0).invoke().index() + ", failed" + (adds.get(0).error() == null ? "" : " (" + adds.get(0).error() + ")")
                : "each of its " + adds.size() + " adds failed";
        return new Finding(APPLIED_THOUGH_FAILED, "Applied though reported failed", "the final read holds "
                + Values.show(element) + ", yet " + failed + ": the database applied an add it reported as failed", shown);
    }

    /** Up to three elements, and how many more. */
    private static String examples(List<Object> elements) {
        String shown = String.join(", ", elements.stream().limit(3).map(Values::show).toList());
        return elements.size() > 3 ? shown + " and " + (elements.size() - 3) + " more" : shown;
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
                    findings.add(new Finding(DUPLICATE, "Written twice", "the final read of " + key + " holds "
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
        return new LostWrites(lost, duplicates, unread, findings, null);
    }

    private static Finding lostWrite(Operation write, Operation finalRead) {
        return new Finding(LOST, "Lost write", "op #" + write.invoke().index() + " wrote "
                + Values.show(write.value()) + (write.key() == null ? "" : " to " + write.key())
                + " and was acknowledged, but the final read (op #" + finalRead.invoke().index()
                + ", after every fault healed) does not hold it", List.of(write, finalRead));
    }

    /** A set's element known present, by its acknowledged add or by a read that held it, and gone from the final read. */
    private static Finding lost(Object element, Operation knownBy, Operation finalRead) {
        if (knownBy.f().equals("add")) {
            return lostWrite(knownBy, finalRead);
        }
        return new Finding(LOST, "Lost write", "op #" + knownBy.invoke().index() + " read " + Values.show(element)
                + (knownBy.key() == null ? "" : " in " + knownBy.key()) + ", whose add was never acknowledged, but the final "
                + "read (op #" + finalRead.invoke().index() + ", after every fault healed) does not hold it",
                List.of(knownBy, finalRead));
    }

    @Override
    public String checker() {
        return NAME;
    }

    /**
     * Invalid when anything was lost, duplicated, unexpected or applied though reported failed; unknown when a final
     * read is missing and nothing was. Stale reads and recovered elements are told, and valid.
     */
    @Override
    public Validity validity() {
        boolean anomalies = !lost.isEmpty() || !duplicates.isEmpty() || findings.stream().anyMatch(f -> ANOMALIES.contains(f.kind()));
        return anomalies ? Validity.INVALID : unread.isEmpty() ? Validity.VALID : Validity.UNKNOWN;
    }

    @Override
    public String summary() {
        if (set != null) {
            String counts = "final read: " + set.ok() + " ok, " + set.recovered() + " recovered; " + set.staleReads()
                    + (set.staleReads() == 1 ? " stale read" : " stale reads") + "; Jepsen's set-full timing";
            return switch (validity()) {
                case VALID -> "no element lost (" + counts + ")";
                case UNKNOWN -> "unknown: no final read of " + unread;
                case INVALID -> set.lost() + " lost, " + set.unexpected() + " unexpected, " + set.appliedThoughFailed()
                        + " applied though reported failed (" + counts + ")";
            };
        }
        return switch (validity()) {
            case VALID -> "no acknowledged write lost";
            case UNKNOWN -> "no final read of " + unread;
            case INVALID -> lost.size() + " acknowledged " + (lost.size() == 1 ? "write" : "writes") + " lost, "
                    + duplicates.size() + " duplicated";
        };
    }

    @Override
    public ObjectNode json() {
        ObjectNode node = ResultJson.base(this);
        node.set("lost", ResultJson.values(lost));
        node.set("duplicates", ResultJson.values(duplicates));
        node.set("unread", ResultJson.values(unread));
        if (set != null) {
            node.putObject("set").put("ok", set.ok()).put("lost", set.lost()).put("unexpected", set.unexpected())
                    .put("recovered", set.recovered()).put("applied_though_failed", set.appliedThoughFailed())
                    .put("stale_reads", set.staleReads());
        }
        return node;
    }

    static LostWrites read(ResultJson.Reader in) {
        JsonNode set = in.node().get("set");
        return new LostWrites(in.values("lost"), in.values("duplicates"), in.values("unread"), in.findings(), set == null ? null
                : new SetCounts(set.path("ok").asInt(), set.path("lost").asInt(), set.path("unexpected").asInt(),
                        set.path("recovered").asInt(), set.path("applied_though_failed").asInt(), set.path("stale_reads").asInt()));
    }
}
