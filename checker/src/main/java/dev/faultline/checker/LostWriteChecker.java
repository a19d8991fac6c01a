package dev.faultline.checker;

import dev.faultline.history.History;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set history ({@code add} elements, {@code read} the whole set), per key, in Jepsen's categories, with
 * the timing of Jepsen's {@code set-full}:
 *
 * <ul>
 *   <li>an element is <em>known</em> from the moment an add of it was acknowledged, or a read that holds it
 *       returned (so an indeterminate add a read saw is known too);</li>
 *   <li><b>lost</b>: known before the final read began, and missing from it. An acknowledged add concurrent
 *       with the final read or after it is not lost (the read may have taken effect first); Jepsen's
 *       {@code set} counts it lost, {@code set-full} does not;</li>
 *   <li><b>ok</b>: in the final read, and some add of it acknowledged;</li>
 *   <li><b>recovered</b>: in the final read, and its adds indeterminate: they took effect after all;</li>
 *   <li><b>applied though failed</b>: in the final read, and every add of it failed. The workloads report
 *       {@code fail} only for errors that mean the write did not happen ({@code DriverErrors}), so the
 *       database applied an add it reported as failed: an anomaly. (Jepsen's {@code set} counts any
 *       attempted element as recovered.);</li>
 *   <li><b>unexpected</b>: in the final read, and no add ever attempted it;</li>
 *   <li><b>stale</b>: a read that missed an element known before it began, which the final read holds. Told,
 *       not held against the set, as {@code set-full} does unless asked for linearizable reads: a set read
 *       below QUORUM may lag.</li>
 * </ul>
 *
 * The final read is the successful read that returned last.
 */
public final class LostWriteChecker {

    /** The semantics applied, in words, for summaries. */
    public static final String SEMANTICS = "Jepsen's set-full timing: an element counts once an add of it was "
            + "acknowledged or a read held it, before the final read began";

    private LostWriteChecker() {}

    /**
     * @param key            the set's key, or null
     * @param acknowledged   adds acknowledged before the final read began
     * @param ok             elements in the final read with an acknowledged add
     * @param lost           elements known before the final read began and missing from it, in the order they became known
     * @param unexpected     elements in the final read that no add ever attempted
     * @param recovered      elements in the final read with no acknowledged add and an indeterminate one
     * @param appliedFailed  elements in the final read whose every add failed
     * @param verdict        NOT_LINEARIZABLE when anything was lost, unexpected or applied though failed; UNKNOWN with
     *                       no final read
     * @param finalRead      the read checked against, or null when none succeeded
     * @param lostBecause    for each lost element, the op that made it known: its acknowledged add, or a read that held it
     * @param stale          the reads that missed elements the final read holds, known before they began
     */
    public record Result(Object key, int acknowledged, int ok, List<Object> lost, List<Object> unexpected,
                         List<Object> recovered, List<Object> appliedFailed, Verdict verdict, Operation finalRead,
                         List<Operation> lostBecause, List<StaleRead> stale) {}

    /** A read that missed elements known present before it began, which the final read holds. */
    public record StaleRead(Operation read, List<Object> missed) {}

    public static List<Result> check(History history) {
        Map<Object, List<Operation>> byKey = new HashMap<>();
        for (Operation op : history.operations()) {
            byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
        return byKey.entrySet().stream()
                .map(entry -> checkKey(entry.getKey(), entry.getValue()))
                .sorted((a, b) -> Values.compare(a.key(), b.key()))
                .toList();
    }

    private static Result checkKey(Object key, List<Operation> ops) {
        List<Operation> reads = new ArrayList<>();
        Operation finalRead = null;
        for (Operation op : ops) {
            if (op.f().equals("read") && op.outcome() == OpType.OK) {
                if (!(op.value() instanceof Collection<?>)) {
                    throw new IllegalArgumentException("a set read must return a collection, got " + op);
                }
                reads.add(op);
                if (finalRead == null || op.returnAt() > finalRead.returnAt()) {
                    finalRead = op;
                }
            }
        }
        if (finalRead == null) {
            return new Result(key, 0, 0, List.of(), List.of(), List.of(), List.of(), Verdict.UNKNOWN, null, List.of(),
                    List.of());
        }
        // per element: how its adds ended, and the op that first made it known (with when)
        Map<Object, Operation> acknowledgedAdd = new HashMap<>();
        Set<Object> attempted = new HashSet<>();
        Set<Object> indeterminate = new HashSet<>();
        Map<Object, Operation> knownBy = new LinkedHashMap<>();
        int acknowledged = 0;
        for (Operation op : ops) {
            if (!op.f().equals("add")) {
                continue;
            }
            attempted.add(op.value());
            if (op.outcome() == OpType.OK) {
                acknowledgedAdd.putIfAbsent(op.value(), op);
                knownEarlier(knownBy, op.value(), op);
                acknowledged += op.returnAt() < finalRead.callAt() ? 1 : 0;
            } else if (op.outcome() == OpType.INFO) {
                indeterminate.add(op.value());
            }
        }
        for (Operation read : reads) {
            for (Object element : (Collection<?>) read.value()) {
                knownEarlier(knownBy, element, read);
            }
        }
        Set<Object> held = new HashSet<>((Collection<?>) finalRead.value());
        List<Object> lost = new ArrayList<>();
        List<Operation> lostBecause = new ArrayList<>();
        Operation last = finalRead;
        knownBy.entrySet().stream()
                .filter(known -> known.getValue().returnAt() < last.callAt() && !held.contains(known.getKey()))
                .sorted((a, b) -> Integer.compare(a.getValue().returnAt(), b.getValue().returnAt()))
                .forEach(known -> {
                    lost.add(known.getKey());
                    lostBecause.add(known.getValue());
                });
        int ok = 0;
        List<Object> unexpected = new ArrayList<>();
        List<Object> recovered = new ArrayList<>();
        List<Object> appliedFailed = new ArrayList<>();
        for (Object element : held) {
            if (acknowledgedAdd.containsKey(element)) {
                ok++;
            } else if (indeterminate.contains(element)) {
                recovered.add(element);
            } else if (attempted.contains(element)) {
                appliedFailed.add(element);
            } else {
                unexpected.add(element);
            }
        }
        unexpected.sort(Values::compare);
        recovered.sort(Values::compare);
        appliedFailed.sort(Values::compare);
        List<StaleRead> stale = new ArrayList<>();
        for (Operation read : reads) {
            if (read == finalRead) {
                continue;
            }
            Set<Object> saw = new HashSet<>((Collection<?>) read.value());
            List<Object> missed = knownBy.entrySet().stream()
                    .filter(known -> known.getValue().returnAt() < read.callAt() && held.contains(known.getKey())
                            && !saw.contains(known.getKey()))
                    .map(Map.Entry::getKey)
                    .sorted(Values::compare)
                    .toList();
            if (!missed.isEmpty()) {
                stale.add(new StaleRead(read, missed));
            }
        }
        Verdict verdict = lost.isEmpty() && unexpected.isEmpty() && appliedFailed.isEmpty()
                ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE;
        return new Result(key, acknowledged, ok, List.copyOf(lost), List.copyOf(unexpected), List.copyOf(recovered),
                List.copyOf(appliedFailed), verdict, finalRead, List.copyOf(lostBecause), List.copyOf(stale));
    }

    /** Keeps the op that made {@code element} known first: the one that returned first. */
    private static void knownEarlier(Map<Object, Operation> knownBy, Object element, Operation op) {
        knownBy.merge(element, op, (was, now) -> now.returnAt() < was.returnAt() ? now : was);
    }
}
