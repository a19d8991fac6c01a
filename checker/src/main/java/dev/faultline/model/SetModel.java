package dev.faultline.model;

import dev.faultline.history.OpException;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** A grow-only set: {@code add} an element, {@code read} the whole set. */
public record SetModel() implements Model<Set<Object>> {

    @Override
    public String name() {
        return "set";
    }

    @Override
    public Set<String> functions() {
        return Set.of("add", "read");
    }

    @Override
    public Set<Object> init() {
        return Set.of();
    }

    @Override
    public boolean readOnly(Operation op) {
        return op.f().equals("read");
    }

    @Override
    public Set<Object> step(Set<Object> state, Operation op) {
        if (op.f().equals("add")) {
            if (op.value() == null) {
                throw OpException.at(op, "a set add needs an element, got nil: " + op);
            }
            if (state.contains(op.value())) {
                return state;
            }
            Set<Object> grown = new HashSet<>(state);
            grown.add(op.value());
            return Set.copyOf(grown);
        }
        if (op.isIndeterminate()) {
            return state;
        }
        if (!(op.value() instanceof Collection<?> read)) {
            throw OpException.at(op, "a set read must return a collection, got " + op);
        }
        return read.size() == state.size() && state.containsAll(read) ? state : null;
    }

    @Override
    public String describeState(Set<Object> state) {
        Set<Object> sorted = new TreeSet<>(Values::compare);
        sorted.addAll(state);
        return sorted.toString();
    }
}
