package dev.faultline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Process;
import dev.faultline.model.RegisterModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * The kv checker, and the search of what {@link AppendFacts} leaves, agree with a brute-force
 * checker on small random histories of one key: get, put and append of short strings that are
 * often substrings of each other (so "contains" is tested where it is weakest), indeterminate ops
 * that took effect or not, and sometimes a corrupted get.
 */
class AppendFactsProperties {

    private static final String[] VALUES = {"a", "b", "ab", "ba", "aa"};

    @Property(tries = 3000)
    void theKvCheckerAgreesWithBruteForce(@ForAll long seed) {
        List<Op> events = randomHistory(new Random(seed));
        boolean expected = Kv.linearizable(events);
        Statistics.collect(expected ? "linearizable" : "not linearizable");
        assertThat(LinearizabilityChecker.check(new History(events), RegisterModel.kv(), Budget.defaults()).verdict())
                .as("history %s", events).isEqualTo(expected ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE);
    }

    @Property(tries = 3000)
    void theReducedSearchKeepsTheVerdict(@ForAll long seed) {
        List<Op> events = randomHistory(new Random(seed));
        boolean expected = Kv.linearizable(events);
        List<Operation> ops = new History(events).operations().stream()
                .filter(op -> !(op.isIndeterminate() && op.f().equals("get"))).toList();
        AppendFacts<Object> facts = AppendFacts.of(RegisterModel.kv(), ops);
        List<Operation> searched = facts == null ? ops : facts.reduced();
        Statistics.collect(searched.size() < ops.size() ? "reduced" : "kept");
        PartitionResult result = new WglSearch<>(RegisterModel.kv(), WglSearch.Input.of(searched))
                .run(null, new SearchBudget(Budget.defaults()));
        assertThat(result.verdict() == Verdict.LINEARIZABLE).as("history %s", events).isEqualTo(expected);
    }

    @Property(tries = 3000)
    void refutationsNeverRejectALinearizableHistory(@ForAll long seed) {
        List<Op> events = randomHistory(new Random(seed));
        List<Operation> ops = new History(events).operations().stream()
                .filter(op -> !(op.isIndeterminate() && op.f().equals("get"))).toList();
        AppendFacts<Object> facts = AppendFacts.of(RegisterModel.kv(), ops);
        boolean refuted = facts != null && facts.refutation() != null;
        boolean expected = Kv.linearizable(events);
        Statistics.collect(refuted ? "refuted" : expected ? "linearizable" : "not linearizable, not refuted");
        assertThat(refuted && expected).as("refuted a linearizable history %s", events).isFalse();
    }

    /** A simulated execution: each op takes effect at one moment between invoke and completion. */
    private static List<Op> randomHistory(Random random) {
        List<Op> events = new ArrayList<>();
        int processes = 1 + random.nextInt(4);
        int[] opsLeft = new int[processes];
        Op[] invoked = new Op[processes];
        String[] result = new String[processes];
        boolean[] applied = new boolean[processes];
        for (int p = 0; p < processes; p++) {
            opsLeft[p] = random.nextInt(4);
        }
        String state = "";
        while (events.size() <= 20) {
            List<Integer> busy = new ArrayList<>();
            for (int p = 0; p < processes; p++) {
                if (opsLeft[p] > 0 || invoked[p] != null) {
                    busy.add(p);
                }
            }
            if (busy.isEmpty()) {
                break;
            }
            int p = busy.get(random.nextInt(busy.size()));
            if (invoked[p] == null) {
                opsLeft[p]--;
                String f = switch (random.nextInt(4)) {
                    case 0, 1 -> "append";
                    case 2 -> "get";
                    default -> "put";
                };
                String value = f.equals("get") ? null : VALUES[random.nextInt(VALUES.length)];
                invoked[p] = emit(events, p, OpType.INVOKE, f, value);
            } else if (!applied[p] && random.nextInt(6) == 0) {
                // timed out before taking effect: it never happened
                emit(events, p, OpType.INFO, invoked[p].f(), (String) invoked[p].value());
                invoked[p] = null;
            } else if (!applied[p]) {
                applied[p] = true;
                switch (invoked[p].f()) {
                    case "get" -> result[p] = state;
                    case "put" -> state = (String) invoked[p].value();
                    default -> state = state + invoked[p].value();
                }
            } else {
                OpType type = random.nextInt(6) == 0 ? OpType.INFO : OpType.OK;
                String value = invoked[p].f().equals("get") ? result[p] : (String) invoked[p].value();
                emit(events, p, type, invoked[p].f(), value);
                invoked[p] = null;
                applied[p] = false;
            }
        }
        if (random.nextBoolean()) {
            for (int i = 0; i < events.size(); i++) {
                Op op = events.get(i);
                if (op.type() == OpType.OK && op.f().equals("get") && random.nextBoolean()) {
                    String wrong = random.nextBoolean() ? VALUES[random.nextInt(VALUES.length)] : op.value() + "a";
                    events.set(i, new Op(op.index(), op.process(), OpType.OK, "get", "k", wrong, op.time()));
                    break;
                }
            }
        }
        return events;
    }

    private static Op emit(List<Op> events, int process, OpType type, String f, String value) {
        Op op = new Op(events.size(), Process.client(process), type, f, "k", value, events.size() * 1000L);
        events.add(op);
        return op;
    }

    /** Porcupine's kv model on one key, as {@link BruteForce} steps it: get, put and append on a string. */
    private static final class Kv {

        static boolean linearizable(List<Op> events) {
            return BruteForce.linearizable(events, "", Kv::step);
        }

        private static String step(String state, BruteForce.Call call) {
            return switch (call.f()) {
                case "get" -> !call.required() || state.equals(call.value()) ? state : null;
                case "put" -> (String) call.value();
                default -> state + call.value();
            };
        }
    }
}
