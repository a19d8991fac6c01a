package dev.faultline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.history.GeneratedHistory;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.PorcupineEtcdLog;
import dev.faultline.history.Process;
import dev.faultline.model.RegisterModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The checker agrees with a brute-force checker, written here independently and simply, on
 * thousands of small random concurrent histories: several keys, read/write/cas, failed ops,
 * indeterminate ops (info, or left open), and sometimes a corrupted read. Values come from a small
 * set (so they repeat) or are unique (so the unique-value reductions apply); a failed cas either did
 * not happen (our JSONL, Jepsen) or ran and saw another value (Porcupine's etcd logs). The refutations and
 * the reduced search are each held to the brute force on their own, not only behind each other.
 */
class CheckerProperties {

    @Property(tries = 3000)
    void agreesWithBruteForce(@ForAll long seed, @ForAll boolean casRan) {
        assertAgrees(new RandomHistory(new Random(seed), false, casRan).events());
    }

    @Property(tries = 3000)
    void agreesWithBruteForceOnUniqueValues(@ForAll long seed, @ForAll boolean casRan) {
        assertAgrees(new RandomHistory(new Random(seed), true, casRan).events());
    }

    @Property(tries = 3000)
    void refutationsNeverRejectALinearizableHistory(@ForAll long seed, @ForAll boolean unique, @ForAll boolean casRan) {
        List<Op> events = new RandomHistory(new Random(seed), unique, casRan).events();
        boolean expected = Registers.linearizable(events);
        boolean refuted = false;
        for (List<Operation> partition : partitions(events).values()) {
            RegisterFacts<Object> facts = RegisterFacts.of(RegisterModel.register(), partition);
            refuted |= facts.refutation() != null;
        }
        Statistics.collect(refuted ? "refuted" : expected ? "linearizable" : "not linearizable, not refuted");
        assertThat(refuted && expected).as("refuted a linearizable history %s", events).isFalse();
    }

    @Property(tries = 3000)
    void theReducedSearchKeepsTheVerdict(@ForAll long seed, @ForAll boolean unique, @ForAll boolean casRan) {
        List<Op> events = new RandomHistory(new Random(seed), unique, casRan).events();
        boolean expected = Registers.linearizable(events);
        boolean searched = true;
        for (List<Operation> partition : partitions(events).values()) {
            WglSearch.Input reduced = RegisterFacts.of(RegisterModel.register(), partition).reduced();
            PartitionResult result = new WglSearch<>(RegisterModel.register(), reduced)
                    .run(null, new SearchBudget(Budget.defaults()));
            searched &= result.verdict() == Verdict.LINEARIZABLE;
        }
        Statistics.collect(expected ? "linearizable" : "not linearizable");
        assertThat(searched).as("history %s", events).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void helpersNeverChangeTheVerdictOrTheCounterexample(@ForAll long seed, @ForAll boolean unique, @ForAll boolean casRan) {
        List<Operation> ops = new History(new RandomHistory(new Random(seed), unique, casRan).events()).operations();
        Budget everyKey = Budget.defaults().checkingEveryPartition();
        CheckResult alone = LinearizabilityChecker.check(ops, RegisterModel.register(), everyKey.withThreads(1));
        // help from the first step on, with more helpers than cores
        CheckResult helped = LinearizabilityChecker.check(ops, RegisterModel.register(),
                new SearchBudget(everyKey.withThreads(4), 0));
        assertThat(helped.partitions()).hasSameSizeAs(alone.partitions());
        for (int i = 0; i < alone.partitions().size(); i++) {
            assertThat(helped.partitions().get(i).verdict()).isEqualTo(alone.partitions().get(i).verdict());
            assertThat(helped.partitions().get(i).counterexample()).isEqualTo(alone.partitions().get(i).counterexample());
        }
    }

    /**
     * Hot-key shapes of the size Jepsen records (hundreds to thousands of ops, 50 processes, 15–25 %
     * indeterminate) with one read of nil after a write completed: refuted before any search, in either
     * meaning of a failed cas. (How fast is measured in {@code faultline bench checker --only shapes}.)
     */
    @Property(tries = 40)
    void anImpossibleNilReadIsRefutedBeforeAnySearch(@ForAll long seed, @ForAll @IntRange(min = 1000, max = 5000) int size,
            @ForAll @DoubleRange(min = 0.15, max = 0.25) double info, @ForAll boolean casRan) {
        History generated = GeneratedHistory.singleRegister(seed, size, 50, info, GeneratedHistory.ImpossibleRead.NIL);
        History history = casRan ? PorcupineEtcdLog.withFailedCasRun(generated) : generated;
        List<Operation> partition = history.operations().stream()
                .filter(op -> op.outcome() != OpType.FAIL && !(op.isIndeterminate() && RegisterModel.register().readOnly(op)))
                .toList();
        Counterexample refuted = RegisterFacts.of(RegisterModel.register(), partition).refutation();
        assertThat(refuted).as("seed %d, %d ops", seed, size).isNotNull();
        assertThat(refuted.unlinearizable().f()).isEqualTo("read");
        assertThat(refuted.unlinearizable().value()).isNull();
    }

    private static void assertAgrees(List<Op> events) {
        boolean expected = Registers.linearizable(events);
        CheckResult result = LinearizabilityChecker.check(new History(events), RegisterModel.register(), Budget.defaults());
        Statistics.collect(expected ? "linearizable" : "not linearizable");
        assertThat(result.verdict())
                .as("history %s", events)
                .isEqualTo(expected ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE);
    }

    /** The ops the checker searches, by key: failed ones and indeterminate reads left out, as it does. */
    private static Map<Object, List<Operation>> partitions(List<Op> events) {
        Map<Object, List<Operation>> byKey = new HashMap<>();
        for (Operation op : new History(events).operations()) {
            if (op.outcome() != OpType.FAIL && !(op.isIndeterminate() && op.f().equals("read"))) {
                byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
        }
        return byKey;
    }

    /** A simulated execution: each op takes effect at one moment between invoke and completion. */
    static final class RandomHistory {
        private final Random random;
        private final List<Op> events = new ArrayList<>();
        private final Map<String, Long> registers = new HashMap<>();
        private final boolean unique;
        private final boolean casRan;
        private long written;

        /** @param casRan whether a failed cas is told as Porcupine's etcd logs tell it: it ran, and saw another value */
        RandomHistory(Random random, boolean unique, boolean casRan) {
            this.random = random;
            this.unique = unique;
            this.casRan = casRan;
        }

        /** A value to write: one of three, or one never written before. */
        private long newValue() {
            return unique ? ++written : random.nextInt(3);
        }

        /** A value to expect or corrupt a read with: any that may have been written. */
        private long anyValue() {
            return unique ? random.nextInt((int) written + 2) : random.nextInt(3);
        }

        List<Op> events() {
            int processes = 1 + random.nextInt(4);
            int[] opsLeft = new int[processes];
            Op[] invoked = new Op[processes];
            Op[] applied = new Op[processes];
            int keys = 1 + random.nextInt(2);
            for (int p = 0; p < processes; p++) {
                opsLeft[p] = random.nextInt(4);
            }
            while (true) {
                List<Integer> busy = new ArrayList<>();
                for (int p = 0; p < processes; p++) {
                    if (opsLeft[p] > 0 || invoked[p] != null) {
                        busy.add(p);
                    }
                }
                if (busy.isEmpty() || events.size() > 20) {
                    break;
                }
                int p = busy.get(random.nextInt(busy.size()));
                if (invoked[p] == null) {
                    opsLeft[p]--;
                    invoked[p] = emit(p, OpType.INVOKE, randomF(), "k" + random.nextInt(keys), null);
                    invoked[p] = withInvokeValue(invoked[p]);
                    events.set(events.size() - 1, invoked[p]);
                } else if (applied[p] == null && random.nextInt(8) == 0) {
                    // crashed before taking effect: indeterminate, never happened
                    emit(p, OpType.INFO, invoked[p].f(), invoked[p].key(), invoked[p].value());
                    invoked[p] = null;
                } else if (applied[p] == null) {
                    applied[p] = apply(invoked[p]);
                } else {
                    OpType type = random.nextInt(8) == 0 ? OpType.INFO : applied[p].type();
                    emit(p, type, applied[p].f(), applied[p].key(), applied[p].value());
                    invoked[p] = null;
                    applied[p] = null;
                }
            }
            if (random.nextBoolean()) {
                corruptARead();
            }
            return casRan ? PorcupineEtcdLog.withFailedCasRun(new History(events)).ops() : events;
        }

        private String randomF() {
            return switch (random.nextInt(3)) {
                case 0 -> "read";
                case 1 -> "write";
                default -> "cas";
            };
        }

        private Op withInvokeValue(Op invoke) {
            Object value = switch (invoke.f()) {
                case "write" -> newValue();
                case "cas" -> List.of(anyValue(), newValue());
                default -> null;
            };
            return new Op(invoke.index(), invoke.process(), OpType.INVOKE, invoke.f(), invoke.key(), value, invoke.time());
        }

        /** Takes effect now; returns the completion it will report (not yet emitted). */
        private Op apply(Op invoke) {
            String key = (String) invoke.key();
            Long current = registers.get(key);
            return switch (invoke.f()) {
                case "read" -> new Op(0, invoke.process(), OpType.OK, "read", key, current, 0);
                case "write" -> {
                    registers.put(key, (Long) invoke.value());
                    yield new Op(0, invoke.process(), OpType.OK, "write", key, invoke.value(), 0);
                }
                default -> {
                    List<?> cas = (List<?>) invoke.value();
                    boolean swap = cas.get(0).equals(current);
                    if (swap) {
                        registers.put(key, (Long) cas.get(1));
                    }
                    yield new Op(0, invoke.process(), swap ? OpType.OK : OpType.FAIL, "cas", key, cas, 0);
                }
            };
        }

        private Op emit(int process, OpType type, String f, Object key, Object value) {
            Op op = new Op(events.size(), Process.client(process), type, f, key, value, events.size() * 1000L);
            events.add(op);
            return op;
        }

        private void corruptARead() {
            for (int i = 0; i < events.size(); i++) {
                Op op = events.get(i);
                if (op.type() == OpType.OK && op.f().equals("read") && random.nextBoolean()) {
                    Long wrong = random.nextInt(4) == 0 ? null : anyValue();
                    events.set(i, new Op(op.index(), op.process(), OpType.OK, "read", op.key(), wrong, op.time()));
                    return;
                }
            }
        }
    }

    /** The register model, one key at a time in a map, as {@link BruteForce} steps it. */
    static final class Registers {

        static boolean linearizable(List<Op> events) {
            return BruteForce.linearizable(events, Map.<String, Long>of(), Registers::step);
        }

        private static Map<String, Long> step(Map<String, Long> state, BruteForce.Call call) {
            Long current = state.get(call.key());
            Map<String, Long> after = new HashMap<>(state);
            switch (call.f()) {
                case "read" -> {
                    return !call.required() || Objects.equals(call.value(), current) ? state : null;
                }
                case "write" -> after.put(call.key(), (Long) call.value());
                case "cas-fail" -> {
                    return ((List<?>) call.value()).get(0).equals(current) ? null : state;
                }
                default -> {
                    List<?> cas = (List<?>) call.value();
                    if (!cas.get(0).equals(current)) {
                        return null;
                    }
                    after.put(call.key(), (Long) cas.get(1));
                }
            }
            return after;
        }
    }
}
