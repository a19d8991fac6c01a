package dev.faultline.checker;

import dev.faultline.history.History;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;

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
 */
public record LostWrites(List<Object> lost, List<Object> duplicates, List<Object> unread) {

    public static LostWrites ofSet(History history) {
        List<Object> lost = new ArrayList<>();
        List<Object> unread = new ArrayList<>();
        for (LostWriteChecker.Result result : LostWriteChecker.check(history)) {
            lost.addAll(result.lost());
            if (result.verdict() == Verdict.UNKNOWN) {
                unread.add(Objects.requireNonNullElse(result.key(), "the set"));
            }
        }
        return new LostWrites(lost, List.of(), unread);
    }

    public static LostWrites ofSequences(History history) {
        Map<Object, List<Object>> acknowledged = new LinkedHashMap<>();
        Map<Object, Collection<?>> finalRead = new HashMap<>();
        Set<Object> keys = new LinkedHashSet<>();
        for (Operation op : history.operations()) {
            if (op.f().equals("append") && op.outcome() == OpType.OK) {
                acknowledged.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op.value());
                keys.add(op.key());
            } else if (op.f().equals("read-all")) {
                keys.add(op.key());
                if (op.outcome() == OpType.OK && op.value() instanceof Collection<?> values) {
                    finalRead.put(op.key(), values);
                }
            }
        }
        List<Object> lost = new ArrayList<>();
        List<Object> duplicates = new ArrayList<>();
        List<Object> unread = new ArrayList<>();
        for (Object key : keys) {
            Collection<?> read = finalRead.get(key);
            if (read == null) {
                unread.add(key);
                continue;
            }
            Set<Object> seen = new HashSet<>();
            for (Object value : read) {
                if (!seen.add(value)) {
                    duplicates.add(key + ":" + value);
                }
            }
            acknowledged.getOrDefault(key, List.of()).stream().filter(v -> !seen.contains(v))
                    .forEach(v -> lost.add(key + ":" + v));
        }
        return new LostWrites(lost, duplicates, unread);
    }
}
