package dev.faultline.checker;

import dev.faultline.history.History;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Acknowledged writes that a final read (after healing) does not hold, and values it holds twice.
 * For a set the writes are adds and the read is one read of everything; for the sequence writers,
 * appends and one read-all per writer, compared key by key.
 *
 * @param lost       values acknowledged ok but missing from their key's final read
 * @param duplicates values the final read holds more than once
 * @param unread     keys whose final read did not succeed, so nothing could be checked for them
 */
public record LostWrites(List<Object> lost, List<Object> duplicates, List<Object> unread) {

    public static LostWrites check(History history, String writeF, String finalReadF) {
        Map<Object, List<Object>> acknowledged = new LinkedHashMap<>();
        Map<Object, Collection<?>> finalRead = new HashMap<>();
        Set<Object> keysRead = new HashSet<>();
        for (Operation op : history.operations()) {
            if (op.f().equals(writeF) && op.outcome() == OpType.OK) {
                acknowledged.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op.value());
            } else if (op.f().equals(finalReadF)) {
                keysRead.add(op.key());
                if (op.outcome() == OpType.OK && op.value() instanceof Collection<?> values) {
                    finalRead.put(op.key(), values);
                }
            }
        }
        List<Object> lost = new ArrayList<>();
        List<Object> duplicates = new ArrayList<>();
        List<Object> unread = new ArrayList<>();
        Set<Object> keys = new HashSet<>(acknowledged.keySet());
        keys.addAll(keysRead);
        for (Object key : keys) {
            Collection<?> read = finalRead.get(key);
            if (read == null) {
                unread.add(Objects.requireNonNullElse(key, "the set"));
                continue;
            }
            Set<Object> seen = new HashSet<>();
            for (Object value : read) {
                if (!seen.add(value)) {
                    duplicates.add(value);
                }
            }
            acknowledged.getOrDefault(key, List.of()).stream().filter(v -> !seen.contains(v)).forEach(lost::add);
        }
        return new LostWrites(lost, duplicates, unread);
    }
}
