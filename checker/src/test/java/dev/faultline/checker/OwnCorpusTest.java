package dev.faultline.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.faultline.history.EdnHistory;
import dev.faultline.history.History;
import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.JsonlHistory;
import dev.faultline.history.Op;
import dev.faultline.model.RegisterModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The repository's own histories with known verdicts ({@code corpora/own/registers/}): small register histories
 * drawn by the properties' generator, each one's verdict the brute-force oracle's, kept in our JSONL and in Jepsen's
 * EDN. Every build derives each verdict from the oracle again and holds the checker to it, through both readers;
 * {@code -Dfaultline.corpus.write=true} draws the files anew.
 */
class OwnCorpusTest {

    private static final int HISTORIES = 40;

    private static Path folder() {
        return Corpora.inRepository().resolve("own/registers");
    }

    @Test
    void drawTheFilesAnew() throws IOException {
        assumeTrue(Boolean.getBoolean("faultline.corpus.write"), "the files are drawn anew with -Dfaultline.corpus.write=true");
        Files.createDirectories(folder());
        List<String> verdicts = new ArrayList<>();
        for (int seed = 1; seed <= HISTORIES; seed++) {
            List<Op> events = new CheckerProperties.RandomHistory(new Random(seed), seed % 2 == 0, false).events();
            String name = String.format("history-%02d", seed);
            HistoryRecorder.write(new History(events), folder().resolve(name + ".jsonl"));
            EdnHistory.write(new History(events), folder().resolve(name + ".edn"));
            String verdict = CheckerProperties.Registers.linearizable(events) ? "linearizable" : "not-linearizable";
            verdicts.add(name + ".jsonl " + verdict);
            verdicts.add(name + ".edn " + verdict);
        }
        Files.write(folder().resolve("VERDICTS.txt"), verdicts);
    }

    @TestFactory
    Stream<DynamicTest> everyHistoryHasTheOraclesVerdictAndTheCheckersToo() {
        assumeTrue(!Boolean.getBoolean("faultline.corpus.write"), "the files are being drawn anew: check them in the next run");
        Map<Path, Boolean> known = Corpora.verdicts(folder());
        assertThat(known).hasSize(2 * HISTORIES).containsValues(true, false);
        return known.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey().getFileName().toString(), () -> {
            Function<Path, History> reader = entry.getKey().toString().endsWith(".edn")
                    ? EdnHistory::read : file -> JsonlHistory.read(file, warning -> { });
            History history = reader.apply(entry.getKey());
            assertThat(CheckerProperties.Registers.linearizable(history.ops())).as("the oracle").isEqualTo(entry.getValue());
            CheckResult result = LinearizabilityChecker.check(history, RegisterModel.register(), Budget.defaults());
            assertThat(result.verdict()).as("the checker")
                    .isEqualTo(entry.getValue() ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE);
        }));
    }
}
