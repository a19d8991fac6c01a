package dev.faultline.model;

import dev.faultline.history.OpException;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A register per key: read, write, compare-and-set, and Porcupine's kv functions (get, put, append
 * on strings). Two choices vary between sources and are parameters, never guessed per file:
 * the initial value, and what a read of nil means.
 *
 * @param name                   as given to {@code --model}
 * @param initial                the value before any write; {@link #UNWRITTEN} for none
 * @param nilReadMatchesAnything Knossos: a read that returned nil tells nothing. Otherwise a nil
 *                               read means the register was never written (Porcupine, our JSONL)
 */
public record RegisterModel(String name, Object initial, boolean nilReadMatchesAnything) implements Model<Object> {

    /** The state of a register never written. */
    public static final Object UNWRITTEN = Unwritten.NIL;

    private enum Unwritten {
        NIL;

        @Override
        public String toString() {
            return "nil (never written)";
        }
    }

    private static final Set<String> FUNCTIONS =
            Set.of("read", "write", "cas", "cas-fail", "get", "put", "append");

    public RegisterModel {
        Objects.requireNonNull(initial, "initial: use UNWRITTEN for a register never written");
    }

    /** Our own histories and Porcupine's etcd logs: starts unwritten, nil means never written. */
    public static RegisterModel register() {
        return new RegisterModel("register", UNWRITTEN, false);
    }

    /** Knossos's {@code (cas-register 0)}: starts at 0, a nil read matches any value. */
    public static RegisterModel casRegister() {
        return new RegisterModel("cas-register", 0L, true);
    }

    /** Porcupine's key-value store: strings, a missing key reads as "". */
    public static RegisterModel kv() {
        return new RegisterModel("kv", "", false);
    }

    public RegisterModel withInitial(Object value) {
        return new RegisterModel(name, value == null ? UNWRITTEN : value, nilReadMatchesAnything);
    }

    @Override
    public Set<String> functions() {
        return FUNCTIONS;
    }

    @Override
    public Object init() {
        return initial;
    }

    @Override
    public boolean readOnly(Operation op) {
        return switch (op.f()) {
            case "read", "get", "cas-fail" -> true;
            default -> false;
        };
    }

    @Override
    public Object step(Object state, Operation op) {
        Object value = op.value();
        return switch (op.f()) {
            case "read", "get" -> {
                if (op.isIndeterminate()) {
                    yield state;
                }
                if (value == null) {
                    yield nilReadMatchesAnything || state == UNWRITTEN ? state : null;
                }
                yield value.equals(state) ? state : null;
            }
            case "write", "put" -> value;
            case "append" -> (state == UNWRITTEN ? "" : state.toString()) + value;
            case "cas" -> {
                List<?> cas = casValue(op);
                yield cas.get(0).equals(state) ? cas.get(1) : null;
            }
            // Porcupine's failed cas: it ran and saw a value other than the expected one
            case "cas-fail" -> casValue(op).get(0).equals(state) ? null : state;
            default -> throw OpException.atInvoke(op, "register model cannot step " + op);
        };
    }

    /** Reads, writes, cas, Porcupine's failed cas and appends of strings. */
    @Override
    public RegisterEffect registerEffect(Operation op) {
        Object value = op.value();
        return switch (op.f()) {
            case "read", "get" -> {
                if (op.isIndeterminate() || value == null && nilReadMatchesAnything) {
                    yield new RegisterEffect.Unconstrained();
                }
                yield new RegisterEffect.Observes(value == null ? UNWRITTEN : value);
            }
            case "write", "put" -> value == null ? null : new RegisterEffect.Sets(value);
            case "append" -> value instanceof String suffix && initial instanceof String ? new RegisterEffect.Appends(suffix) : null;
            case "cas" -> value instanceof List<?> cas && cas.size() == 2 && cas.get(0) != null && cas.get(1) != null
                    ? new RegisterEffect.Swaps(cas.get(0), cas.get(1))
                    : null;
            case "cas-fail" -> value instanceof List<?> cas && cas.size() == 2 && cas.get(0) != null
                    ? new RegisterEffect.ObservesOther(cas.get(0))
                    : null;
            default -> null;
        };
    }

    private static List<?> casValue(Operation op) {
        if (op.value() instanceof List<?> cas && cas.size() == 2 && cas.get(0) != null) {
            return cas;
        }
        throw OpException.at(op, "cas value must be [expected new], got " + Values.show(op.value()));
    }

    @Override
    public String describeState(Object state) {
        return state == UNWRITTEN ? state.toString() : Values.show(state);
    }
}
