package dev.faultline.checker;

import dev.faultline.checker.Checkers.Shape;
import dev.faultline.checker.LinearizabilityCheckerTest.Events;
import dev.faultline.history.History;
import dev.faultline.history.OpType;
import dev.faultline.model.RegisterModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry: the shape a history has, the checkers that fit it, and every result read back by its name. */
class CheckersTest {

    private static List<String> names(Shape shape) {
        return Checkers.fitting(new Checkers.Options(shape, RegisterModel.register(), Budget.defaults(), 2)).stream()
                .map(Checker::name).toList();
    }

    @Test
    void eachShapeGetsTheCheckersThatFitIt() {
        assertThat(names(Shape.REGISTER)).containsExactly(LinearizabilityResult.NAME);
        assertThat(names(Shape.UNIQUE_REGISTER)).containsExactly(LinearizabilityResult.NAME, SessionGuarantees.NAME,
                RealTimeReads.NAME);
        assertThat(names(Shape.COUNTER)).containsExactly(CounterChecker.NAME);
        assertThat(names(Shape.SET)).containsExactly(LostWrites.NAME);
        assertThat(names(Shape.SEQUENCES)).containsExactly(LostWrites.NAME);
        assertThat(names(Shape.OWN)).isEmpty();
    }

    @Test
    void aHistoryTellsItsShapeByItsOps() {
        assertThat(Shape.of(new Events().ok(0, "write", "k", 1L).ok(1, "read", "k", 1L).history().operations()))
                .isEqualTo(Shape.UNIQUE_REGISTER);
        assertThat(Shape.of(new Events().ok(0, "write", "k", 1L).ok(1, "write", "k", 1L).history().operations()))
                .as("a value written twice").isEqualTo(Shape.REGISTER);
        // a failed write took no effect, so its value may be written again
        assertThat(Shape.of(new Events().invoke(0, "write", "k", 1L).complete(0, OpType.FAIL, 1L)
                .ok(1, "write", "k", 1L).history().operations())).isEqualTo(Shape.UNIQUE_REGISTER);
        assertThat(Shape.of(new Events().ok(0, "add", "c", 1L).ok(1, "read", "c", 1L).history().operations()))
                .isEqualTo(Shape.COUNTER);
        assertThat(Shape.of(new Events().ok(0, "add", null, 1L).ok(1, "read", null, List.of(1L)).history().operations()))
                .isEqualTo(Shape.SET);
        assertThat(Shape.of(new Events().ok(0, "append", "w0", 1L).ok(1, "read-all", "w0", List.of(1L)).history()
                .operations())).isEqualTo(Shape.SEQUENCES);
        assertThat(Shape.of(List.of())).as("an empty history is a register's, as its model says").isEqualTo(Shape.REGISTER);
    }

    @Test
    void theLostWritesCheckerOfASetReadsTheSetAndOfSequencesEachWriter() {
        History set = new Events().ok(0, "add", null, 1L).ok(1, "read", null, List.of()).history();
        Checker ofSet = Checkers.fitting(new Checkers.Options(Shape.SET, null, Budget.defaults(), 1)).get(0);
        assertThat(ofSet.check(set).validity()).isEqualTo(Validity.INVALID);
        History sequences = new Events().ok(0, "append", "w0", 1L).ok(1, "read-all", "w0", List.of(1L)).history();
        Checker ofSequences = Checkers.fitting(new Checkers.Options(Shape.SEQUENCES, null, Budget.defaults(), 1)).get(0);
        assertThat(ofSequences.check(sequences).validity()).isEqualTo(Validity.VALID);
    }

    @Test
    void everyResultAShapeMakesIsReadBackByItsName() {
        History history = new Events().ok(0, "write", "k", 1L).ok(1, "read", "k", 1L).history();
        for (Checker checker : Checkers.fitting(new Checkers.Options(Shape.UNIQUE_REGISTER, RegisterModel.register(),
                Budget.defaults(), 2))) {
            CheckerResult result = checker.check(history);
            CheckerResult back = Checkers.read(result.json(), history);
            assertThat(back.checker()).isEqualTo(checker.name());
            assertThat(back.summary()).isEqualTo(result.summary());
            assertThat(Checkers.NAMES).contains(checker.name());
        }
    }
}
