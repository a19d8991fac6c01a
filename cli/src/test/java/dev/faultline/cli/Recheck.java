package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.checker.Validity;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's own histories, checked again through `faultline check` with no flags, must give the
 * verdict the run wrote into analysis.json: a checker that contradicts itself is the worst bug.
 */
public final class Recheck {

    private Recheck() {
    }

    /**
     * Every level of the run in {@code runDir}, JSONL and EDN alike: the worst answer of its checks, each checker that
     * fits the history being run again by `faultline check` as the run ran it (with the run's clients, when
     * analysis.json says how many).
     *
     * @return how many levels were re-checked
     */
    public static int agreesWithAnalysis(Path runDir) throws IOException {
        JsonNode analysis = new ObjectMapper().readTree(runDir.resolve("analysis.json").toFile());
        JsonNode clients = analysis.get("clients");
        int checked = 0;
        for (JsonNode level : analysis.get("levels")) {
            if (level.get("checks").isEmpty()) {
                continue;
            }
            Validity worst = Validity.VALID;
            for (JsonNode check : level.get("checks")) {
                worst = worst.and(Validity.valueOf(check.get("validity").asText()));
            }
            int expected = switch (worst) {
                case VALID -> CheckCommand.EXIT_LINEARIZABLE;
                case INVALID -> CheckCommand.EXIT_NOT_LINEARIZABLE;
                case UNKNOWN -> CheckCommand.EXIT_UNKNOWN;
            };
            Path jsonl = runDir.resolve(level.get("history").asText());
            for (Path history : new Path[] {jsonl, jsonl.resolveSibling("history.edn")}) {
                StringWriter out = new StringWriter();
                List<String> args = new ArrayList<>(List.of("check", history.toString()));
                if (clients != null && clients.isInt()) {
                    args.add("--clients=" + clients.asInt());
                }
                int exit = Faultline.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                        .execute(args.toArray(String[]::new));
                assertThat(exit).as("faultline check %s, where analysis.json says %s:%n%s", history, worst, out)
                        .isEqualTo(expected);
            }
            checked++;
        }
        return checked;
    }
}
