package dev.faultline.checker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.history.Echo;
import dev.faultline.history.History;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Process;
import dev.faultline.history.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Read-your-writes and monotonic reads per client session, for register histories whose writes
 * carry unique values (so a read names the one write it saw). A session is a client: processes
 * {@code p}, {@code p + sessions}, {@code p + 2·sessions}… are one client that took a new process id
 * after an indeterminate op, as Jepsen numbers them.
 *
 * <p>Both rules rest on one order that every linearization of a register must respect: write A
 * <em>precedes</em> write B when A completed (ok) before B was invoked, and the initial value precedes
 * every write. A read that returns A's value after the session has seen B (its own acknowledged
 * write B, or an earlier read of B's value) went back in time: in a linearizable history the read
 * comes after B, B after A, and nothing rewrites A's value, so it cannot happen. Such a history is
 * therefore never linearizable, and a linearizable one never has a violation here; weaker systems
 * (ONE reads after ONE writes) show them even where a person can follow each session alone.
 * Indeterminate writes precede nothing (they may take effect arbitrarily late), and reads of values
 * no write produced are left to the linearizability checker.
 */
public final class SessionGuarantees {

    public static final String NAME = "session-guarantees";

    /** The guarantee a violation breaks, as the report names it. */
    public enum Guarantee {
        READ_YOUR_WRITES("read-your-writes", "Read-your-writes violated"),
        MONOTONIC_READS("monotonic-reads", "Monotonic reads violated");

        private final String id;
        private final String title;

        Guarantee(String id, String title) {
            this.id = id;
            this.title = title;
        }

        /** A stable name, for JSON. */
        public String id() {
            return id;
        }

        public String title() {
            return title;
        }
    }

    /**
     * @param session the client whose view went back
     * @param seen    the op that showed the session the newer value: its own write, or an earlier read
     * @param read    the later read that returned an older value
     * @param older   the write of the value read, or null when it is the initial value
     * @param newer   the write of the value the session had seen
     */
    public record Violation(Guarantee guarantee, int session, Object key, Operation seen, Operation read,
                            Operation older, Operation newer) {

        /** In plain words, for the report and `faultline check`. */
        public String sentence() {
            String value = Values.show(read.value());
            String was = older == null ? "the initial value" : "a value written before " + Values.show(written(newer))
                    + " (by process " + older.process() + ", acknowledged before that write began)";
            return switch (guarantee) {
                case READ_YOUR_WRITES -> "client " + session + " wrote " + Values.show(written(newer)) + " to " + key
                        + " (acknowledged), then read " + value + ", " + was + ": it lost sight of its own write";
                case MONOTONIC_READS -> "client " + session + " read " + Values.show(written(newer)) + " from " + key
                        + ", then read " + value + ", " + was + ": its reads went back in time";
            };
        }
    }

    /** A register history's sessions checked; {@code violations} empty means both guarantees held. */
    public record Result(List<Violation> violations, int sessions, int readsChecked) implements CheckerResult {
        public boolean holds() {
            return violations.isEmpty();
        }

        public long count(Guarantee guarantee) {
            return violations.stream().filter(v -> v.guarantee() == guarantee).count();
        }

        @Override
        public String checker() {
            return NAME;
        }

        /** Valid with no violation, even with no read to check: Jepsen's checkers say the same of an empty history. */
        @Override
        public Validity validity() {
            return violations.isEmpty() ? Validity.VALID : Validity.INVALID;
        }

        @Override
        public String summary() {
            if (violations.isEmpty()) {
                return "read-your-writes and monotonic reads held (" + sessions + " sessions, " + readsChecked + " reads)";
            }
            return count(Guarantee.READ_YOUR_WRITES) + " read-your-writes and " + count(Guarantee.MONOTONIC_READS)
                    + " monotonic-reads violations (" + sessions + " sessions, " + readsChecked + " reads)";
        }

        @Override
        public List<Finding> findings() {
            List<Finding> findings = new ArrayList<>();
            for (Violation v : violations) {
                List<Operation> ops = new ArrayList<>();
                if (v.older() != null) {
                    ops.add(v.older());
                }
                if (v.newer() != v.seen()) {
                    ops.add(v.newer());
                }
                ops.add(v.seen());
                ops.add(v.read());
                findings.add(new Finding(v.guarantee().id(), v.guarantee().title(), v.sentence(), ops));
            }
            return findings;
        }

        @Override
        public ObjectNode json() {
            ObjectNode node = ResultJson.base(this);
            node.put("sessions", sessions);
            node.put("reads_checked", readsChecked);
            ArrayNode out = node.putArray("violations");
            for (Violation v : violations) {
                ObjectNode o = out.addObject().put("guarantee", v.guarantee().id()).put("session", v.session())
                        .put("key", String.valueOf(v.key()));
                o.set("seen", ResultJson.op(v.seen()));
                o.set("read", ResultJson.op(v.read()));
                if (v.older() != null) {
                    o.set("older", ResultJson.op(v.older()));
                }
                o.set("newer", ResultJson.op(v.newer()));
            }
            return node;
        }

        static Result read(ResultJson.Reader in) {
            List<Violation> violations = new ArrayList<>();
            for (JsonNode v : in.node().path("violations")) {
                Guarantee guarantee = Arrays.stream(Guarantee.values()).filter(g -> g.id().equals(v.path("guarantee").asText()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("guarantee '"
                                + Echo.of(v.path("guarantee").asText()) + "' is not read-your-writes or monotonic-reads"));
                Operation read = in.op(v.get("read"));
                violations.add(new Violation(guarantee, v.path("session").asInt(), read.key(), in.op(v.get("seen")), read,
                        in.optionalOp(v, "older"), in.op(v.get("newer"))));
            }
            return new Result(List.copyOf(violations), in.required("sessions").asInt(), in.required("reads_checked").asInt());
        }
    }

    private SessionGuarantees() {
    }

    /**
     * For {@code initial}: no value is the registers' first, so a read of a value no write put tells nothing, nil among
     * them (Knossos' cas-register reads nil so); a run writes its registers' first values into the history itself.
     */
    public static final Object NO_INITIAL = new Object();

    /**
     * Whether the ops are a register's of unique written values: reads, writes and compare-and-sets only, no value put
     * twice into one key by writes that may have happened, so a read names the one write it saw.
     */
    public static boolean fits(List<Operation> ops) {
        Map<Object, Set<Object>> written = new HashMap<>();
        for (Operation op : ops) {
            if (!op.f().equals("read") && !isWrite(op)) {
                return false;
            }
            if (isWrite(op) && op.outcome() != OpType.FAIL
                    && !written.computeIfAbsent(op.key(), k -> new HashSet<>()).add(written(op))) {
                return false;
            }
        }
        return !ops.isEmpty();
    }

    /**
     * @param sessions how many clients ran (process ids are taken modulo this)
     * @param initial  every register's value before the first write (null: unwritten, read as nil)
     */
    public static Result check(History history, int sessions, Object initial) {
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be at least 1, got " + sessions);
        }
        Object start = Values.normalize(initial);
        List<Operation> ops = history.operations().stream()
                .filter(op -> op.process() instanceof Process.Client).toList();
        Map<Object, Map<Object, Operation>> writers = writersByKey(ops);
        Map<Integer, List<Operation>> bySession = new TreeMap<>();
        for (Operation op : ops) {
            int session = ((Process.Client) op.process()).id() % sessions;
            bySession.computeIfAbsent(session, s -> new ArrayList<>()).add(op);
        }
        List<Violation> violations = new ArrayList<>();
        int reads = 0;
        for (Map.Entry<Integer, List<Operation>> entry : bySession.entrySet()) {
            int session = entry.getKey();
            Map<Object, Operation> lastOwnWrite = new HashMap<>();
            Map<Object, Operation> lastRead = new HashMap<>();
            List<Operation> mine = new ArrayList<>(entry.getValue());
            mine.sort(Comparator.comparingInt(Operation::callAt));
            for (Operation op : mine) {
                if (op.outcome() != OpType.OK) {
                    continue;
                }
                Object key = op.key();
                Map<Object, Operation> keyWriters = writers.getOrDefault(key, Collections.emptyMap());
                if (isWrite(op)) {
                    lastOwnWrite.put(key, op);
                    continue;
                }
                if (!op.f().equals("read")) {
                    continue;
                }
                Object value = Values.normalize(op.value());
                boolean isInitial = Objects.equals(value, start) && !keyWriters.containsKey(value);
                Operation writer = keyWriters.get(value);
                if (!isInitial && writer == null) {
                    continue;
                }
                reads++;
                Operation own = lastOwnWrite.get(key);
                if (own != null && own != writer && precedes(writer, own)) {
                    violations.add(new Violation(Guarantee.READ_YOUR_WRITES, session, key, own, op, writer, own));
                }
                Operation previous = lastRead.get(key);
                if (previous != null) {
                    Operation previousWriter = keyWriters.get(Values.normalize(previous.value()));
                    if (previousWriter != null && previousWriter != writer && precedes(writer, previousWriter)) {
                        violations.add(new Violation(Guarantee.MONOTONIC_READS, session, key, previous, op,
                                writer, previousWriter));
                    }
                }
                lastRead.put(key, op);
            }
        }
        return new Result(List.copyOf(violations), bySession.size(), reads);
    }

    /** {@code older} (null: the initial value) comes before {@code newer} in every linearization. */
    private static boolean precedes(Operation older, Operation newer) {
        return older == null || (older.outcome() == OpType.OK && older.returnAt() < newer.callAt());
    }

    static boolean isWrite(Operation op) {
        return op.f().equals("write") || op.f().equals("cas");
    }

    /** The value each write or compare-and-set put, per key: ok ones and indeterminate ones alike. */
    private static Map<Object, Map<Object, Operation>> writersByKey(List<Operation> ops) {
        Map<Object, Map<Object, Operation>> writers = new HashMap<>();
        for (Operation op : ops) {
            if (!isWrite(op) || op.outcome() == OpType.FAIL) {
                continue;
            }
            Object written = written(op);
            if (written != null) {
                writers.computeIfAbsent(op.key(), k -> new HashMap<>()).putIfAbsent(written, op);
            }
        }
        return writers;
    }

    static Object written(Operation op) {
        Object value = Values.normalize(op.value());
        if (op.f().equals("cas")) {
            return value instanceof List<?> pair && pair.size() == 2 ? pair.get(1) : null;
        }
        return value;
    }
}
