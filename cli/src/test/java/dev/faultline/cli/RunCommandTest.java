package dev.faultline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input to `faultline run` is one line and exit 2, before any cluster starts. */
class RunCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Faultline.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void aCassandraVersionThatIsNoReleaseNumberIsRefusedBeforeAnythingStarts() {
        assertThat(run("run", "test-scenarios/kill-node.yaml", "--cassandra-version", "latest",
                "--results", dir.resolve("results").toString())).isEqualTo(2);

        assertThat(err.toString().strip()).isEqualTo("faultline: --cassandra-version: Cassandra version 'latest' is not a "
                + "version number; allowed: a released version such as 5.0.6 or 4.1.10");
        assertThat(out.toString()).doesNotContain("starting");
        assertThat(dir.resolve("results")).doesNotExist();
    }

    @Test
    void aReleaseTheLocalBackendCannotRunIsRefusedBeforeAnythingStarts() {
        assertThat(run("run", "test-scenarios/lessons/stale-read-at-one.yaml", "--cassandra-version", "3.11.17",
                "--results", dir.resolve("results").toString())).isEqualTo(2);

        assertThat(err.toString().strip()).isEqualTo("faultline: test-scenarios/lessons/stale-read-at-one.yaml: Cassandra "
                + "3.11.17 does not run on the local backend; allowed: a 4.x release (on JDK 11) or a 5.x release (on JDK 17)");
        assertThat(out.toString()).doesNotContain("starting");
        assertThat(dir.resolve("results")).doesNotExist();
    }

    @Test
    void aScenarioWithAnUnknownFieldNamesTheFileAndLineAndStartsNothing() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: bad\nworkload: {type: register, read-consistency: MOST}\nduration: 10s\n");

        assertThat(run("run", file.toString(), "--results", dir.resolve("results").toString())).isEqualTo(2);

        assertThat(err.toString().strip()).startsWith("faultline: " + file + ":2:")
                .contains("allowed: ONE, TWO, THREE, QUORUM").doesNotContain("\n");
        assertThat(out.toString()).doesNotContain("starting");
        assertThat(dir.resolve("results")).doesNotExist();
    }

    @Test
    void aDurationShorterThanAFaultIsBadInput() {
        assertThat(run("run", "test-scenarios/kill-node.yaml", "--duration", "3s")).isEqualTo(2);
        assertThat(err.toString()).contains("fault at 5s must fall inside the run (0 to 3s)");
    }

    @Test
    void anUnknownBackendListsTheKnownOnes() {
        assertThat(run("run", "test-scenarios/kill-node.yaml", "--backend", "mesos")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown backend 'mesos'; known: local, k3s, kube");
    }

    @Test
    void aLessonWithABadStepNamesTheFileAndTheStepAndStartsNothing() throws IOException {
        Path file = dir.resolve("lesson.yaml");
        Files.writeString(file, "name: bad\nquestion: q?\nanswer: a\ncluster: {nodes: 2, replication-factor: 2}\n"
                + "levels: [ONE]\nsteps:\n  - read: {key: x, via: n5}\n");

        assertThat(run("run", file.toString(), "--results", dir.resolve("results").toString())).isEqualTo(2);

        assertThat(err.toString().strip()).startsWith("faultline: " + file + ":")
                .contains("steps[0] (client: read x via n5): via 'n5' is not a node of this cluster; allowed: n1, n2")
                .doesNotContain("\n");
        assertThat(out.toString()).doesNotContain("starting");
        assertThat(dir.resolve("results")).doesNotExist();
    }

    @Test
    void aLessonTakesNoSeed() {
        assertThat(run("run", "test-scenarios/lessons/stale-read-at-one.yaml", "--seed", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("a lesson has no seed or duration");
    }
}
