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
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's code is code that compiles and runs: its Java blocks are the example projects' files, imports
 * included; the sample outputs of {@code faultline check} and {@code validate} are what the commands print.
 */
class ReadmeTest {

    @Test
    void theJUnitExampleIsTheConsumerProjectsTestVerbatim() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String test = Files.readString(Path.of("examples/consumer/src/test/java/com/example/consistency/StaleReadTest.java"));
        assertThat(readme).contains("```java\n" + test + "```");
    }

    /**
     * Every Java block is an example project's file word for word, imports included, found by its package and
     * class: ExamplesTest compiles those against this build, so README's Java compiles.
     */
    @Test
    void everyJavaBlockIsAnExampleFileVerbatim() throws Exception {
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("README.md")));
        int blocks = 0;
        while (block.find()) {
            String code = block.group(1);
            Matcher pkg = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(code);
            Matcher type = Pattern.compile("^(?:public )?(?:final )?(?:class|interface|record|enum) (\\w+)", Pattern.MULTILINE).matcher(code);
            assertThat(pkg.find() && type.find()).as("a Java block of README with a package and a class:%n%s", code).isTrue();
            String file = pkg.group(1).replace('.', '/') + "/" + type.group(1) + ".java";
            List<Path> found;
            try (Stream<Path> files = Files.walk(Path.of("examples"))) {
                found = files.filter(f -> f.toString().endsWith("/java/" + file)).toList();
            }
            assertThat(found).as("the example file of README's %s", file).hasSize(1);
            assertThat(code).as(found.get(0).toString()).isEqualTo(Files.readString(found.get(0)));
            blocks++;
        }
        assertThat(blocks).isGreaterThanOrEqualTo(4);
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
