package com.example.bank;

import dev.faultline.history.Operation;
import dev.faultline.model.Model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A team's own sequential model, as a user writes one: accounts and their balances. {@code transfer} of
 * {@code [from, to, amount]} moves money when {@code from} holds enough; {@code read} returns every balance.
 */
final class BankModel implements Model<Map<String, Long>> {

    private final Map<String, Long> opening;

    BankModel(Map<String, Long> opening) {
        this.opening = Collections.unmodifiableMap(new TreeMap<>(opening));
    }

    @Override
    public String name() {
        return "bank";
    }

    @Override
    public Set<String> functions() {
        return Set.of("transfer", "read");
    }

    @Override
    public Map<String, Long> init() {
        return opening;
    }

    @Override
    public Map<String, Long> step(Map<String, Long> state, Operation op) {
        if (op.f().equals("read")) {
            return op.isIndeterminate() || state.equals(op.value()) ? state : null;
        }
        List<?> transfer = (List<?>) op.value();
        String from = (String) transfer.get(0);
        String to = (String) transfer.get(1);
        long amount = (Long) transfer.get(2);
        if (state.get(from) < amount) {
            return null;
        }
        Map<String, Long> next = new TreeMap<>(state);
        next.put(from, state.get(from) - amount);
        next.put(to, state.get(to) + amount);
        return Collections.unmodifiableMap(next);
    }

    @Override
    public boolean readOnly(Operation op) {
        return op.f().equals("read");
    }

    /** Every account's ops touch one bank: one partition. */
    @Override
    public Object partition(Operation op) {
        return "accounts";
    }

    @Override
    public String describeState(Map<String, Long> state) {
        return state + " (total " + state.values().stream().mapToLong(Long::longValue).sum() + ")";
    }
}
