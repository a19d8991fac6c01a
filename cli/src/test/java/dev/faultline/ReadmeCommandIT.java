package dev.faultline;

import dev.faultline.cli.Recheck;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first command of README.md, exactly as written there, as a new user runs it: prerequisites, the
 * launcher, a real three-node cluster, both levels of the partition scenario, the table, exit 0.
 */
public class ReadmeCommandIT {

    /** The scenario README's first command runs: ShippedScenariosIT leaves it to this test. */
    public static final Path SCENARIO = Path.of("test-scenarios/partition-one-vs-quorum.yaml");

    /** The first line of README's first bash block: the command a newcomer copies. */
    static String firstCommand() throws IOException {
        Matcher block = Pattern.compile("```bash\n(.*?)\n").matcher(Files.readString(Path.of("README.md")));
        assertThat(block.find()).as("README.md starts with a bash block").isTrue();
        return block.group(1);
    }

    @Test
    void theMainJobRunsVerbatimAndPrintsItsTable() throws Exception {
        String command = firstCommand();
        assertThat(command).contains("./faultline run " + SCENARIO).doesNotStartWith("sudo");
        Path log = Path.of("cli", "target", "readme-command.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process run = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        run.getOutputStream().close();
        assertThat(run.waitFor(15, TimeUnit.MINUTES)).as("finished within 15 minutes; see " + log).isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(run.exitValue()).as(output).isZero();
        List<String> table = output.lines().filter(l -> l.startsWith("| ")).toList();
        assertThat(table).anySatisfy(l -> assertThat(l).startsWith("| level"));
        assertThat(table).anySatisfy(l -> assertThat(l).startsWith("| ONE"));
        assertThat(table).anySatisfy(l -> assertThat(l).startsWith("| QUORUM"));
        // README's table, ranges over three runs of this command, and this run agree in kind
        assertThat(ReadmeTable.parse(Files.readAllLines(Path.of("README.md"))).disagreements(ReadmeTable.parse(table)))
                .as("README's first table against this run (regenerate it from three runs if this is Cassandra's"
                        + " behaviour now)").isEmpty();
        // every long phase says what it does; the driver's own lines go to the run folder, not the console
        assertThat(output).contains("accepts CQL", "ready, every node sees every other up", "session opened in", "workload ready in",
                "healing every fault", "checking the history", "stopping the cluster", "writing analysis.json");
        assertThat(output).doesNotContain("com.datastax", "awaitility[");
        Matcher folder = Pattern.compile("run folder (\\S+) ").matcher(output);
        assertThat(folder.find()).as(output).isTrue();
        Path runDir = Path.of(folder.group(1));
        assertThat(runDir.resolve("driver.log")).content().contains("com.datastax.oss.driver");
        assertThat(runDir.resolve("nodes/n1/logs/system.log")).exists();
        assertThat(runDir.resolve("nodes/n1/data")).as("node data is removed at the end").doesNotExist();
        // held to its expectations (exit 0) and re-checked, as ShippedScenariosIT holds every other scenario
        assertThat(Recheck.agreesWithAnalysis(runDir)).as("every level re-checked").isEqualTo(2);
    }
}
