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

/** README's code is code that compiles and runs: the JUnit example is the consumer project's test, imports included. */
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
}
