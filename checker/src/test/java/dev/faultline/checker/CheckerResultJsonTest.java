package dev.faultline.checker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.checker.LinearizabilityCheckerTest.Events;
import dev.faultline.history.History;
import dev.faultline.history.OpType;
import dev.faultline.model.RegisterModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every checker's result survives its JSON form: the same answer, summary, findings and ops of the history. */
class CheckerResultJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stale read on k, and client 0 losing sight of its own write on j. */
    private static History register() {
        return new Events()
                .ok(0, "write", "k", 1L)
                .ok(1, "write", "k", 2L)
                .ok(2, "read", "k", 1L)
                .ok(1, "write", "j", 5L)
                .ok(0, "write", "j", 7L)
                .ok(0, "read", "j", 5L)
                .history();
    }

    private static History set() {
        return new Events()
                .ok(0, "add", null, 1L)
                .ok(1, "add", null, 2L)
                .ok(2, "read", null, List.of(1L, 9L))
                .history();
    }

    private static History sequences() {
        return new Events()
                .ok(0, "append", "w0", 1L)
                .ok(0, "append", "w0", 2L)
                .ok(1, "read-all", "w0", List.of(1L, 1L))
                .history();
    }

    private static History counter() {
        return new Events()
                .ok(0, "add", "c", 3L)
                .invoke(1, "add", "c", 2L).complete(1, OpType.INFO, null)
                .ok(2, "read", "c", 9L)
                .history();
    }

    private static CheckerResult roundTrip(CheckerResult result, History history) throws Exception {
        String text = JSON.writeValueAsString(result.json());
        JsonNode json = JSON.readTree(text);
        CheckerResult back = Checkers.read(json, history);
        assertThat(back.checker()).isEqualTo(result.checker());
        assertThat(back.validity()).isEqualTo(result.validity());
        assertThat(back.summary()).isEqualTo(result.summary());
        assertThat(back.findings()).extracting(Finding::kind, Finding::sentence)
                .containsExactlyElementsOf(result.findings().stream().map(f -> org.assertj.core.groups.Tuple.tuple(f.kind(), f.sentence())).toList());
        for (int i = 0; i < result.findings().size(); i++) {
            // the history's own ops, found again by invoke index
            assertThat(back.findings().get(i).ops()).containsExactlyElementsOf(result.findings().get(i).ops());
        }
        assertThat(JSON.writeValueAsString(back.json())).isEqualTo(text);
        return back;
    }

    @Test
    void linearizabilityKeepsItsCounterexamplesAndTellsTheStaleRead() throws Exception {
        History history = register();
        CheckerResult result = Checkers.linearizability(RegisterModel.register(), Budget.defaults()).check(history);
        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(result.findings()).extracting(Finding::kind).contains("stale-read");
        LinearizabilityResult back = (LinearizabilityResult) roundTrip(result, history);
        assertThat(back.check().violations()).extracting(p -> p.counterexample().unlinearizable())
                .containsExactlyElementsOf(((LinearizabilityResult) result).check().violations().stream()
                        .map(p -> p.counterexample().unlinearizable()).toList());
    }

    @Test
    void sessionGuaranteesKeepEachViolationsOps() throws Exception {
        History history = register();
        CheckerResult result = Checkers.sessionGuarantees(3).check(history);
        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(result.summary()).startsWith("1 read-your-writes and 0 monotonic-reads violations");
        SessionGuarantees.Result back = (SessionGuarantees.Result) roundTrip(result, history);
        assertThat(back.violations()).isEqualTo(((SessionGuarantees.Result) result).violations());
    }

    @Test
    void lostWritesOfASetNameTheLostAddAndTheValueNoAddWrote() throws Exception {
        History history = set();
        CheckerResult result = Checkers.lostWritesOfSet().check(history);
        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(result.findings()).extracting(Finding::kind).containsExactly(LostWrites.LOST, LostWrites.UNEXPECTED);
        LostWrites back = (LostWrites) roundTrip(result, history);
        assertThat(back.lost()).containsExactly(2L);
        assertThat(back.set()).isEqualTo(((LostWrites) result).set());
        assertThat(back.summary()).isEqualTo(result.summary());
    }

    @Test
    void lostWritesOfSequencesNameTheDuplicateAndTheLostAppend() throws Exception {
        History history = sequences();
        CheckerResult result = Checkers.lostWritesOfSequences().check(history);
        assertThat(result.findings()).extracting(Finding::kind).containsExactly("duplicate", "lost-write");
        LostWrites back = (LostWrites) roundTrip(result, history);
        assertThat(back.lost()).containsExactly("w0:2");
        assertThat(back.duplicates()).containsExactly("w0:1");
    }

    @Test
    void aCounterAboveEveryPossibleIncrementIsDoubleCounted() throws Exception {
        History history = counter();
        CheckerResult result = Checkers.counter().check(history);
        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(result.findings()).extracting(Finding::kind).containsExactly("double-counted");
        roundTrip(result, history);
    }

    @Test
    void anInvariantOfTheTestsOwnNamesEachReadThatBrokeItAndJudgesOnlyOkReads() throws Exception {
        History history = new Events()
                .ok(0, "read", null, Map.of("a", 100L, "b", 100L))
                .ok(1, "transfer", null, List.of("a", "b", 10L))
                .ok(2, "read", null, Map.of("a", 90L, "b", 120L))
                .invoke(3, "read", null, null).complete(3, OpType.INFO, null)
                .history();
        Checker conservation = Checkers.invariant("read", "Money created or lost", value -> {
            long total = ((Map<?, ?>) value).values().stream().mapToLong(v -> (Long) v).sum();
            return total == 200 ? null : "the balances add up to " + total + ", not 200";
        });
        CheckerResult result = conservation.check(history);
        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(result.summary()).isEqualTo("Money created or lost: 1 of 2 ops");
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo("money-created-or-lost");
            assertThat(f.sentence()).startsWith("op #4 (process 2: read ").endsWith("the balances add up to 210, not 200");
        });
        roundTrip(result, history);
        assertThat(conservation.check(new Events().ok(0, "transfer", null, List.of("a", "b", 1L)).history()).validity())
                .as("nothing to judge").isEqualTo(Validity.UNKNOWN);
        assertThatThrownBy(() -> Checkers.invariant("read", " - ", v -> null)).hasMessageContaining("needs a title");
    }

    @Test
    void validResultsRoundTripToo() throws Exception {
        History history = new Events().ok(0, "write", "k", 1L).ok(0, "read", "k", 1L).history();
        for (Checker checker : List.of(Checkers.linearizability(RegisterModel.register(), Budget.defaults()),
                Checkers.sessionGuarantees(1))) {
            CheckerResult result = checker.check(history);
            assertThat(result.validity()).as(checker.name()).isEqualTo(Validity.VALID);
            assertThat(result.findings()).isEmpty();
            roundTrip(result, history);
        }
    }

    @Test
    void aFormNoCheckerWritesIsRefusedNamingWhatIsAllowed() {
        History history = register();
        assertThatThrownBy(() -> Checkers.read(JSON.valueToTree(Map.of("checker", "elle")), history))
                .hasMessage("checker 'elle' is not one of linearizability, lost-writes, session-guarantees, counter, invariant, "
                        + "real-time-reads");
        assertThatThrownBy(() -> Checkers.read(JSON.valueToTree(Map.of("validity", "VALID")), history))
                .hasMessageContaining("field 'checker' is missing");
        JsonNode lost = Checkers.lostWritesOfSet().check(set()).json();
        History shorter = new Events().ok(0, "add", null, 1L).history();
        assertThatThrownBy(() -> Checkers.read(lost, shorter))
                .hasMessageContaining("names op invoke_index")
                .hasMessageContaining("which its history does not hold");
    }
}
