package dev.faultline.model;

import dev.faultline.history.HistoryFormat;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import us.bpsm.edn.EdnException;
import us.bpsm.edn.parser.Parser;
import us.bpsm.edn.parser.Parsers;

/** The models by name, and the one a history most likely wants. */
public final class Models {

    public static final String NAMES = "register, cas-register, kv, set, multi-register, mutex";

    private Models() {}

    /**
     * The model called {@code name}, or for "auto" the one that fits the format and the ops: the
     * source's semantics (Knossos for EDN, Porcupine's for its logs), by the functions the ops use.
     *
     * @param initialEdn the initial register value as EDN, or null for the model's own
     * @throws IllegalArgumentException for an unknown name or an initial value the model cannot take
     */
    public static Model<?> choose(String name, HistoryFormat format, List<Operation> ops, String initialEdn) {
        String chosen = name.equals("auto") ? guess(format, ops) : name;
        Model<?> model = switch (chosen) {
            case "register" -> RegisterModel.register();
            case "cas-register" -> RegisterModel.casRegister();
            case "kv" -> RegisterModel.kv();
            case "set" -> new SetModel();
            case "multi-register" -> MultiRegisterModel.startingAtZero();
            case "mutex" -> new MutexModel();
            default -> throw new IllegalArgumentException("--model " + name + " is not one of auto, " + NAMES);
        };
        if (initialEdn == null) {
            return model;
        }
        Object initial = parseEdn(initialEdn);
        if (model instanceof RegisterModel register) {
            return register.withInitial(initial);
        }
        if (model instanceof MultiRegisterModel && initial != null) {
            return new MultiRegisterModel(initial);
        }
        throw new IllegalArgumentException("model " + chosen + " takes no --initial value");
    }

    private static String guess(HistoryFormat format, List<Operation> ops) {
        Set<String> functions = new HashSet<>();
        ops.forEach(op -> functions.add(op.f()));
        if (functions.contains("txn")) {
            return "multi-register";
        }
        if (functions.contains("acquire") || functions.contains("release")) {
            return "mutex";
        }
        if (functions.contains("add")) {
            return "set";
        }
        return switch (format) {
            case EDN -> "cas-register";
            case PORCUPINE_KV -> "kv";
            case JSONL, PORCUPINE_ETCD -> "register";
        };
    }

    private static Object parseEdn(String text) {
        try {
            Object value = Parsers.newParser(Parsers.defaultConfiguration()).nextValue(Parsers.newParseable(text));
            if (value == Parser.END_OF_INPUT) {
                throw new IllegalArgumentException("--initial is empty; give an EDN value such as 0, nil or \"\"");
            }
            return Values.normalize(value);
        } catch (EdnException e) {
            throw new IllegalArgumentException("--initial '" + text + "' is not an EDN value: " + e.getMessage());
        }
    }
}
