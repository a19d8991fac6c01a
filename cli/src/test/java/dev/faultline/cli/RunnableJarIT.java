package dev.faultline.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar runs the CLI with {@code java -jar}, on the libraries its manifest names in target/lib. */
class RunnableJarIT {

    private static Process run(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = new String[args.length + 3];
        command[0] = java;
        command[1] = "-jar";
        command[2] = Path.of("cli", "target", "faultline.jar").toString();
        System.arraycopy(args, 0, command, 3, args.length);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void javaDashJarChecksAHistoryAndSaysItsVerdictInItsExitCode() throws Exception {
        Process valid = run("check", "examples/histories/quorum-register.jsonl");
        String out = new String(valid.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(valid.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(valid.exitValue()).as(out).isZero();
        assertThat(out).contains("TOTAL").contains("linearizable");

        Process stale = run("check", "examples/histories/stale-read-at-one.jsonl");
        String staleOut = new String(stale.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(stale.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(stale.exitValue()).as(staleOut).isEqualTo(1);
        assertThat(staleOut).contains("NOT LINEARIZABLE").contains("Stale read on key \"k1\"");
    }
}
