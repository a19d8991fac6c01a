package dev.faultline;

import dev.faultline.cli.Faultline;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's code is code that compiles and runs: the JUnit example is the consumer project's test, imports
 * included; the sample outputs of {@code faultline check} and {@code validate} are what the commands print.
 */
class ReadmeTest {

    @Test
    void theJUnitExampleIsTheConsumerProjectsTestVerbatim() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String test = Files.readString(Path.of("examples/consumer/src/test/java/com/example/consistency/StaleReadTest.java"));
        assertThat(readme).contains("```java\n" + test + "```");
    }

    @Test
    void theValidateSampleIsWhatTheCommandPrints() throws Exception {
        Matcher sample = Pattern.compile("```\n\\$ \\./faultline (validate [^\n]+)\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("README.md")));
        assertThat(sample.find()).as("README shows a `faultline validate` sample").isTrue();
        StringWriter out = new StringWriter();
        CommandLine cli = Faultline.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute(sample.group(1).split(" "));
        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo(sample.group(2));
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
