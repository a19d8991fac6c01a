package dev.faultline.checker;

import dev.faultline.history.History;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lost writes in a set history ({@code add} elements, {@code read} the whole set), per key: an add
 * that was acknowledged before the final read began must be in that read. Cheaper and plainer than
 * a linearizability check, and it names exactly which acknowledged writes vanished.
 */
public final class LostWriteChecker {

    private LostWriteChecker() {}

    /**
     * @param key          the set's key, or null
     * @param acknowledged adds acknowledged before the final read began
     * @param lost         acknowledged adds missing from the final read
     * @param unexpected   elements in the final read that no add ever attempted
     * @param verdict      NOT_LINEARIZABLE when anything was lost or unexpected; UNKNOWN with no final read
     * @param finalRead    the read checked against, or null when none succeeded
     * @param lostAdds     the acknowledged adds of the {@code lost} elements, in the same order
     */
    public record Result(Object key, int acknowledged, List<Object> lost, List<Object> unexpected, Verdict verdict,
                         Operation finalRead, List<Operation> lostAdds) {}

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
        Operation finalRead = null;
        for (Operation op : ops) {
            if (op.f().equals("read") && op.outcome() == OpType.OK
                    && (finalRead == null || op.returnAt() > finalRead.returnAt())) {
                finalRead = op;
            }
        }
        if (finalRead == null) {
            return new Result(key, 0, List.of(), List.of(), Verdict.UNKNOWN, null, List.of());
        }
        if (!(finalRead.value() instanceof Collection<?> read)) {
            throw new IllegalArgumentException("a set read must return a collection, got " + finalRead);
        }
        Set<Object> seen = new HashSet<>(read);
        Set<Object> attempted = new HashSet<>();
        List<Object> lost = new ArrayList<>();
        List<Operation> lostAdds = new ArrayList<>();
        int acknowledged = 0;
        for (Operation op : ops) {
            if (!op.f().equals("add")) {
                continue;
            }
            if (op.outcome() != OpType.FAIL) {
                attempted.add(op.value());
            }
            if (op.outcome() == OpType.OK && op.returnAt() < finalRead.callAt()) {
                acknowledged++;
                if (!seen.contains(op.value())) {
                    lost.add(op.value());
                    lostAdds.add(op);
                }
            }
        }
        List<Object> unexpected = seen.stream().filter(e -> !attempted.contains(e)).sorted(Values::compare).toList();
        Verdict verdict = lost.isEmpty() && unexpected.isEmpty() ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE;
        return new Result(key, acknowledged, lost, unexpected, verdict, finalRead, lostAdds);
    }
}
