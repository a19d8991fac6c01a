package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's own histories, checked again through `faultline check` with no flags, must give the
 * verdict the run wrote into analysis.json: a checker that contradicts itself is the worst bug.
 */
public final class Recheck {

    private Recheck() {
    }

    /**
     * Every level of the run in {@code runDir}, JSONL and EDN alike: its linearizability verdict, else its counter or
     * lost-writes validity.
     *
     * @return how many levels were re-checked
     */
    public static int agreesWithAnalysis(Path runDir) throws IOException {
        JsonNode analysis = new ObjectMapper().readTree(runDir.resolve("analysis.json").toFile());
        int checked = 0;
        for (JsonNode level : analysis.get("levels")) {
            JsonNode verdict = null;
            for (JsonNode check : level.get("checks")) {
                String checker = check.get("checker").asText();
                if (checker.equals("linearizability")) {
                    verdict = check.get("verdict");
                } else if ((checker.equals("counter") || checker.equals("lost-writes")) && verdict == null) {
                    verdict = check.get("validity");
                }
            }
            if (verdict == null) {
                continue;
            }
            int expected = switch (verdict.asText()) {
                case "LINEARIZABLE", "VALID" -> CheckCommand.EXIT_LINEARIZABLE;
                case "NOT_LINEARIZABLE", "INVALID" -> CheckCommand.EXIT_NOT_LINEARIZABLE;
                default -> CheckCommand.EXIT_UNKNOWN;
            };
            Path jsonl = runDir.resolve(level.get("history").asText());
            for (Path history : new Path[] {jsonl, jsonl.resolveSibling("history.edn")}) {
                StringWriter out = new StringWriter();
                int exit = Faultline.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                        .execute("check", history.toString());
                assertThat(exit).as("faultline check %s, where analysis.json says %s:%n%s", history, verdict.asText(), out)
                        .isEqualTo(expected);
            }
            checked++;
        }
        return checked;
    }
}
