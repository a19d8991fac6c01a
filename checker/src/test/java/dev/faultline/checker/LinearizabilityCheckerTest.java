package dev.faultline.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.history.GeneratedHistory;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Process;
import dev.faultline.model.MutexModel;
import dev.faultline.model.RegisterModel;
import dev.faultline.model.SetModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {

    /** Builds histories event by event: {@code invoke(p, f, key, value)}, {@code complete(p, type, value)}. */
    static final class Events {
        final List<Op> ops = new ArrayList<>();
        private final List<Op> open = new ArrayList<>();

        Events invoke(int process, String f, Object key, Object value) {
            Op op = new Op(ops.size(), Process.client(process), OpType.INVOKE, f, key, value, ops.size() * 1000L);
            ops.add(op);
            open.add(op);
            return this;
        }

        Events complete(int process, OpType type, Object value) {
            Op invoke = open.stream().filter(op -> op.process().equals(Process.client(process))).findFirst().orElseThrow();
            open.remove(invoke);
            ops.add(new Op(ops.size(), invoke.process(), type, invoke.f(), invoke.key(), value, ops.size() * 1000L));
            return this;
        }

        Events ok(int process, String f, Object key, Object value) {
            return invoke(process, f, key, value).complete(process, OpType.OK, value);
        }

        History history() {
            return new History(ops);
        }
    }

    private static CheckResult check(Events events) {
        return LinearizabilityChecker.check(events.history(), RegisterModel.register(), Budget.defaults());
    }

    @Test
    void aStaleReadIsCaughtWithItsCounterexample() {
        Events events = new Events()
                .ok(0, "write", "k", 1L)
                .ok(0, "write", "k", 2L)
                .invoke(1, "write", "k", 3L)
                .ok(2, "read", "k", 1L)
                .complete(1, OpType.OK, 3L);
        CheckResult result = check(events);
        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        Counterexample why = result.violations().get(0).counterexample();
        assertThat(why.unlinearizable().f()).isEqualTo("read");
        assertThat(why.unlinearizable().value()).isEqualTo(1L);
        // refuted before any search: 1 was written, then overwritten by 2 before the read began
        assertThat(why.longestPrefix()).extracting(step -> step.op().value()).containsExactly(1L, 2L);
        assertThat(why.longestPrefix()).extracting(Counterexample.Step::stateAfter).containsExactly("1", "2");
        assertThat(why.stateBefore()).isEqualTo("2");
        assertThat(why.concurrent()).extracting(op -> op.value()).containsExactly(3L);
    }

    @Test
    void aReadOfAValueNothingWroteIsRefutedWithoutSearching() {
        Events events = new Events()
                .ok(0, "write", "k", 1L)
                .invoke(1, "write", "k", 7L)
                .ok(2, "read", "k", 7L)
                .ok(2, "read", "k", 9L)
                .complete(1, OpType.INFO, 7L);
        CheckResult result = check(events);
        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.partitions().get(0).memoEntries()).as("not searched").isZero();
        Counterexample why = result.violations().get(0).counterexample();
        assertThat(why.unlinearizable().value()).isEqualTo(9L);
        assertThat(why.longestPrefix()).isEmpty();
        assertThat(why.concurrent()).extracting(Operation::value).containsExactly(7L);
    }

    @Test
    void aReadOfNilAfterAWriteFinishedIsRefutedWithoutSearchingLikeAnyOverwrittenValue() {
        // the initial state, nil, is written before everything; 1 overwrote it before the read began
        Events events = new Events()
                .invoke(1, "write", "k", 5L)
                .ok(0, "write", "k", 1L)
                .ok(2, "read", "k", null)
                .complete(1, OpType.INFO, 5L);
        CheckResult result = check(events);
        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.partitions().get(0).memoEntries()).as("not searched").isZero();
        Counterexample why = result.violations().get(0).counterexample();
        assertThat(why.unlinearizable().value()).isNull();
        assertThat(why.longestPrefix()).extracting(step -> step.op().value()).containsExactly(1L);
        assertThat(why.stateBefore()).isEqualTo("1");
    }

    @Test
    void aFailedCasThatRanLeavesTheRefutationsInPlace() {
        // Porcupine's etcd logs: a failed cas ran and saw another value; it no longer hides the partition
        // from the rules, so the read of 1 after 2 overwrote it is refuted without a search
        Events events = new Events()
                .ok(0, "write", "k", 1L)
                .ok(0, "write", "k", 2L)
                .ok(1, "cas-fail", "k", List.of(7L, 8L))
                .ok(2, "read", "k", 1L);
        CheckResult result = check(events);
        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.partitions().get(0).memoEntries()).as("not searched").isZero();
        assertThat(result.violations().get(0).counterexample().longestPrefix())
                .extracting(step -> step.op().value()).containsExactly(1L, 2L);
    }

    @Test
    void anIndeterminateWriteAFailedCasMaySeeIsKeptForTheSearch() {
        // without the indeterminate write of 3 the failed cas from 1 would see 1 and could not have failed
        Events events = new Events()
                .ok(0, "write", "k", 1L)
                .invoke(1, "write", "k", 3L)
                .ok(2, "cas-fail", "k", List.of(1L, 9L))
                .complete(1, OpType.INFO, 3L);
        assertThat(check(events).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void hotKeyShapesWithManyTimeoutsAreDecided() {
        for (GeneratedHistory.ImpossibleRead read : GeneratedHistory.ImpossibleRead.values()) {
            History history = GeneratedHistory.singleRegister(3, 5000, 50, 0.2, read);
            assertThat(history.operations().stream().filter(Operation::isIndeterminate).count()).isBetween(800L, 1200L);
            CheckResult result = LinearizabilityChecker.check(history, RegisterModel.register(),
                    Budget.defaults().withTimeLimit(Duration.ofSeconds(20)));
            assertThat(result.verdict()).as(read.name())
                    .isEqualTo(read == GeneratedHistory.ImpossibleRead.NONE ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE);
            if (read != GeneratedHistory.ImpossibleRead.NONE) {
                assertThat(result.violations().get(0).counterexample().unlinearizable().f()).isEqualTo("read");
            }
        }
    }

    @Test
    void aViolationNoRuleSeesIsFoundBySearch() {
        // 2 and 3 are written concurrently, so either may be read first, but not both in turn
        Events events = new Events()
                .invoke(0, "write", "k", 2L)
                .invoke(1, "write", "k", 3L)
                .complete(0, OpType.OK, 2L)
                .complete(1, OpType.OK, 3L)
                .ok(2, "read", "k", 3L)
                .ok(2, "read", "k", 2L)
                .ok(2, "read", "k", 3L);
        CheckResult result = check(events);
        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.partitions().get(0).memoEntries()).as("searched").isPositive();
        Counterexample why = result.violations().get(0).counterexample();
        assertThat(why.longestPrefix()).isNotEmpty();
        assertThat(why.stateBefore()).isIn("2", "3");
    }

    @Test
    void anIndeterminateWriteMayHappenLate() {
        Events events = new Events()
                .invoke(0, "write", "k", 1L).complete(0, OpType.INFO, 1L)
                .ok(1, "read", "k", null)
                .ok(1, "read", "k", 1L);
        assertThat(check(events).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void anIndeterminateWriteMayNeverHappen() {
        Events events = new Events()
                .ok(1, "write", "k", 5L)
                .invoke(0, "write", "k", 1L)
                .ok(1, "read", "k", 5L);
        assertThat(check(events).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void aFailedWriteDidNotHappen() {
        Events events = new Events()
                .invoke(0, "write", "k", 1L).complete(0, OpType.FAIL, 1L)
                .ok(1, "read", "k", 1L);
        assertThat(check(events).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void keysAreCheckedApart() {
        Events events = new Events()
                .ok(0, "write", "a", 1L)
                .ok(0, "write", "b", 2L)
                .ok(1, "read", "a", 1L)
                .ok(1, "read", "b", 1L);
        CheckResult result = LinearizabilityChecker.check(
                events.history(), RegisterModel.register(), Budget.defaults().checkingEveryPartition());
        assertThat(result.partitions()).extracting(PartitionResult::key, PartitionResult::verdict)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", Verdict.LINEARIZABLE),
                        org.assertj.core.groups.Tuple.tuple("b", Verdict.NOT_LINEARIZABLE));
        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void onceOneKeyFailsTheOthersStopUnlessEveryKeyIsAskedFor() {
        Events events = new Events().ok(0, "write", "a", 1L).ok(1, "read", "a", 2L);
        for (int k = 0; k < 50; k++) {
            events.ok(0, "write", "k" + k, 1L).ok(1, "read", "k" + k, 1L);
        }
        Budget budget = Budget.defaults();
        CheckResult all = LinearizabilityChecker.check(events.history(), RegisterModel.register(),
                budget.checkingEveryPartition());
        assertThat(all.partitions()).filteredOn(p -> p.verdict() == Verdict.LINEARIZABLE).hasSize(50);
        CheckResult first = LinearizabilityChecker.check(events.history(), RegisterModel.register(), budget);
        assertThat(first.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(first.partitions()).allMatch(p -> p.verdict() != Verdict.UNKNOWN || p.stopped());
    }

    @Test
    void nilReadMeansNeverWrittenForRegisterButAnythingForKnossos() {
        Events events = new Events().ok(0, "write", null, 1L).ok(1, "read", null, null);
        assertThat(LinearizabilityChecker.check(events.history(), RegisterModel.register(), Budget.defaults()).verdict())
                .isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(LinearizabilityChecker.check(events.history(), RegisterModel.casRegister(), Budget.defaults()).verdict())
                .isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void mutexAndSetModels() {
        Events twoHolders = new Events().ok(0, "acquire", null, null).ok(1, "acquire", null, null);
        assertThat(LinearizabilityChecker.check(twoHolders.history(), new MutexModel(), Budget.defaults()).verdict())
                .isEqualTo(Verdict.NOT_LINEARIZABLE);
        Events set = new Events().invoke(0, "add", null, 1L).ok(1, "add", null, 2L).ok(2, "read", null, List.of(2L, 1L))
                .complete(0, OpType.OK, 1L);
        assertThat(LinearizabilityChecker.check(set.history(), new SetModel(), Budget.defaults()).verdict())
                .isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void anOpTheModelDoesNotKnowIsBadInput() {
        Events events = new Events().ok(0, "increment", "k", 1L);
        assertThatThrownBy(() -> check(events)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model register has no 'increment'");
    }

    /**
     * Many concurrent appends, then a read of a string no order makes, though its pieces were all
     * appended (one twice): no refutation applies, so every order must be tried.
     */
    static History pathological(int writers) {
        Events events = new Events();
        for (int p = 0; p < writers; p++) {
            events.invoke(p, "append", "k", "a" + p);
        }
        for (int p = 0; p < writers; p++) {
            events.complete(p, OpType.OK, "a" + p);
        }
        return events.ok(writers, "get", "k", "a0a0").history();
    }

    @Test
    void aGetOfAStringNoAppendsCouldMakeIsRefutedWithoutASearch() {
        Events events = new Events();
        for (int p = 0; p < 30; p++) {
            events.invoke(p, "append", "k", "a" + p);
        }
        for (int p = 0; p < 30; p++) {
            events.complete(p, OpType.OK, "a" + p);
        }
        CheckResult result = LinearizabilityChecker.check(events.ok(30, "get", "k", "a1a2b").history(), RegisterModel.kv(),
                Budget.defaults());
        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.partitions().get(0).memoEntries()).isZero();
        assertThat(result.violations().get(0).counterexample().unlinearizable().value()).isEqualTo("a1a2b");
    }

    @Test
    void aHelpedSearchReportsTheCounterexampleOfASearchAlone() {
        List<Operation> ops = pathological(8).operations();
        CheckResult alone = LinearizabilityChecker.check(ops, RegisterModel.kv(), Budget.defaults().withThreads(1));
        CheckResult helped = LinearizabilityChecker.check(ops, RegisterModel.kv(),
                new SearchBudget(Budget.defaults().withThreads(4), 0));
        assertThat(alone.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(helped.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(helped.partitions().get(0).counterexample()).isEqualTo(alone.partitions().get(0).counterexample());
    }

    @Test
    void helpersInAnotherOrderLinearizeWhatTheSearchWouldToo() {
        // appends in call order, then a read of them back to front: a search front to front tries
        // many orders before the one that fits, one back to front finds it first
        Events events = new Events();
        int writers = 9;
        for (int p = 0; p < writers; p++) {
            events.invoke(p, "append", "k", "a" + p);
        }
        for (int p = 0; p < writers; p++) {
            events.complete(p, OpType.OK, "a" + p);
        }
        StringBuilder backwards = new StringBuilder();
        for (int p = writers - 1; p >= 0; p--) {
            backwards.append("a").append(p);
        }
        List<Operation> ops = events.ok(writers, "get", "k", backwards.toString()).history().operations();
        PartitionResult helped = LinearizabilityChecker.check(ops, RegisterModel.kv(),
                new SearchBudget(Budget.defaults().withThreads(4), 0)).partitions().get(0);
        PartitionResult alone = LinearizabilityChecker.check(ops, RegisterModel.kv(), Budget.defaults().withThreads(1))
                .partitions().get(0);
        assertThat(helped.verdict()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(alone.verdict()).isEqualTo(Verdict.LINEARIZABLE);
        // the search alone visits most of the 9! orders; helped, it stops soon after a helper's answer
        assertThat(helped.memoEntries()).isLessThan(alone.memoEntries() / 2);
    }

    @Test
    void aTinyMemoryBudgetEndsInUnknown() {
        CheckResult result = LinearizabilityChecker.check(
                pathological(40), RegisterModel.kv(), new Budget(Duration.ofMinutes(5), 1 << 20, true, 1));
        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.partitions().get(0).unknownReason()).contains("memory");
    }

    @Test
    void aTimeLimitEndsInUnknown() {
        CheckResult result = LinearizabilityChecker.check(
                pathological(40), RegisterModel.kv(), new Budget(Duration.ofMillis(200), Long.MAX_VALUE, true, 1));
        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.partitions().get(0).unknownReason()).contains("time");
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void generatedHistoriesAreLinearizableUnlessAStaleReadIsPlanted() {
        History good = GeneratedHistory.kvRegisters(1, 20_000, 50, 8, false);
        History bad = GeneratedHistory.kvRegisters(1, 20_000, 50, 8, true);
        assertThat(LinearizabilityChecker.check(good, RegisterModel.register(), Budget.defaults()).verdict())
                .isEqualTo(Verdict.LINEARIZABLE);
        CheckResult result = LinearizabilityChecker.check(bad, RegisterModel.register(), Budget.defaults());
        assertThat(result.violations()).hasSize(1);
        assertThat(result.violations().get(0).counterexample().unlinearizable().f()).isEqualTo("read");
    }

    @Test
    void lostWritesAreNamed() {
        Events events = new Events()
                .ok(0, "add", "s", 1L)
                .ok(0, "add", "s", 2L)
                .invoke(1, "add", "s", 3L).complete(1, OpType.INFO, 3L)
                .ok(2, "read", "s", List.of(1L, 3L, 9L));
        List<LostWriteChecker.Result> results = LostWriteChecker.check(events.history());
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.lost()).containsExactly(2L);
            assertThat(r.unexpected()).containsExactly(9L);
            assertThat(r.acknowledged()).isEqualTo(2);
            assertThat(r.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        });
    }
}
