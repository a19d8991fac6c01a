package dev.faultline.model;

import dev.faultline.history.OpException;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Several registers changed together by transactions, as Knossos's multi-register: an op is
 * {@code txn} with a list of {@code [f register value]} micro-ops, f being read or write. Every
 * register starts at {@code initial}; a read of nil tells nothing (Knossos).
 */
public record MultiRegisterModel(Object initial) implements Model<Map<Object, Object>> {

    /** Knossos's test setting: every register starts at 0. */
    public static MultiRegisterModel startingAtZero() {
        return new MultiRegisterModel(0L);
    }

    @Override
    public String name() {
        return "multi-register";
    }

    @Override
    public Set<String> functions() {
        return Set.of("txn");
    }

    @Override
    public Map<Object, Object> init() {
        return Map.of();
    }

    @Override
    public boolean readOnly(Operation op) {
        return op.value() instanceof List<?> txn
                && txn.stream().allMatch(micro -> micro instanceof List<?> m && !m.isEmpty() && "read".equals(m.get(0)));
    }

    @Override
    public Map<Object, Object> step(Map<Object, Object> registers, Operation op) {
        if (!(op.value() instanceof List<?> txn)) {
            throw OpException.at(op, "a txn value must be a list of [f register value], got " + op);
        }
        Map<Object, Object> written = null;
        for (Object element : txn) {
            if (!(element instanceof List<?> micro) || micro.size() != 3) {
                throw OpException.at(op, "a txn micro-op must be [f register value], got "
                        + Values.show(element));
            }
            Object register = micro.get(1);
            Object value = micro.get(2);
            Map<Object, Object> now = written == null ? registers : written;
            switch (String.valueOf(micro.get(0))) {
                case "read" -> {
                    if (value != null && !op.isIndeterminate() && !value.equals(now.getOrDefault(register, initial))) {
                        return null;
                    }
                }
                case "write" -> {
                    if (written == null) {
                        written = new HashMap<>(registers);
                    }
                    if (value == null) {
                        throw OpException.at(op, "a txn cannot write nil, got " + Values.show(element));
                    }
                    // registers at their initial value are left out, so equal states are equal maps
                    if (value.equals(initial)) {
                        written.remove(register);
                    } else {
                        written.put(register, value);
                    }
                }
                default -> throw OpException.at(op, "a txn micro-op is read or write, got "
                        + Values.show(element));
            }
        }
        return written == null ? registers : Map.copyOf(written);
    }

    @Override
    public String describeState(Map<Object, Object> registers) {
        Map<Object, Object> sorted = new TreeMap<>(Values::compare);
        sorted.putAll(registers);
        return sorted + " (others " + Values.show(initial) + ")";
    }
}
