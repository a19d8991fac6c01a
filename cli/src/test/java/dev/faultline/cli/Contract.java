package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The contract README promises for every command and every input: an exit code from the command's
 * documented set, at most one line on stderr for a refusal, no stack trace, no Java, Jackson,
 * SnakeYAML or edn-java class names, in bounded time.
 */
final class Contract {

    /** Far above what any refusal needs; a command that takes longer is hanging or quadratic. */
    static final Duration BOUND = Duration.ofSeconds(15);

    private static final Pattern INTERNALS = Pattern.compile(
            "\\tat |\\b(java|javax|jdk|sun|com\\.fasterxml|org\\.yaml|us\\.bpsm|picocli)\\.[a-z]"
                    + "|\\b[A-Z]\\w*(Exception|Error)\\b|Cannot invoke");

    private Contract() {
    }

    record Outcome(int exit, String out, String err, Duration took) {}

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Faultline.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        long start = System.nanoTime();
        int exit = cli.execute(args);
        return new Outcome(exit, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** Runs {@code args} and asserts the contract; returns what happened for more specific checks. */
    static Outcome holds(Set<Integer> allowedExits, String... args) {
        Outcome outcome = run(args);
        String what = String.join(" ", Arrays.stream(args).map(a -> a.length() > 80 ? a.substring(0, 80) + "…" : a).toList());
        assertThat(outcome.exit()).as("exit code of %s; stderr: %s", what, outcome.err()).isIn(allowedExits);
        assertThat(outcome.err()).as("stderr of %s", what).doesNotContainPattern(INTERNALS);
        if (outcome.exit() == Faultline.EXIT_BAD_INPUT) {
            assertThat(outcome.err().lines().filter(line -> !line.contains(": warning: ")).count())
                    .as("a refusal is one line: %s", outcome.err()).isEqualTo(1);
        }
        assertThat(outcome.err().lines()).as("stderr lines are short").allMatch(line -> line.length() <= 500);
        assertThat(outcome.took()).as("time of %s", what).isLessThan(BOUND);
        return outcome;
    }
}
