package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A bug of ours escaping any command: one line naming a file with the trace, exit 5, never the trace itself. */
class InternalFaultTest {

    @Command(name = "explode")
    static final class Explode implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("an invariant of ours broke");
        }
    }

    @Test
    void anExceptionEscapingACommandIsOneLineAndExitFiveWithTheTraceInAFile() throws Exception {
        CommandLine cli = Faultline.commandLine().addSubcommand(new Explode());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("explode");

        assertThat(exit).isEqualTo(5).isNotIn(0, 1, 2, 3, 4);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("faultline: internal fault").doesNotContain("\tat ", "IllegalStateException");
        Matcher file = Pattern.compile("the full trace is in (\\S+)").matcher(err.toString());
        assertThat(file.find()).as(err.toString()).isTrue();
        Path trace = Path.of(file.group(1));
        try {
            assertThat(Files.readString(trace)).contains("IllegalStateException: an invariant of ours broke", "\tat ");
        } finally {
            Files.deleteIfExists(trace);
        }
    }
}
