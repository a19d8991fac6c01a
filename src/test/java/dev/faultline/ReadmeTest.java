package dev.faultline;

import dev.faultline.cli.Faultline;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's code is code that compiles and runs: the JUnit example is the consumer project's test, imports
 * included; the sample output of {@code faultline check} is what the command prints.
 */
class ReadmeTest {

    @Test
    void theJUnitExampleIsTheConsumerProjectsTestVerbatim() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String test = Files.readString(Path.of("examples/consumer/src/test/java/com/example/consistency/StaleReadTest.java"));
        assertThat(readme).contains("```java\n" + test + "```");
    }

    @Test
    void theCheckSampleIsWhatCheckPrints() throws Exception {
        String command = "./faultline check examples/histories/stale-read-at-one.jsonl";
        StringWriter out = new StringWriter();
        CommandLine cli = Faultline.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute(command.split(" ")[1], command.split(" ")[2])).isEqualTo(1);
        String readme = Files.readString(Path.of("README.md"));
        assertThat(timeless(readme)).contains(timeless("```text\n$ " + command + "\n" + out + "```"));
    }

    /** The check's own time is the one thing that varies from run to run. */
    private static String timeless(String text) {
        return text.replaceAll("\\d+ ms\\)", "N ms)");
    }
}
