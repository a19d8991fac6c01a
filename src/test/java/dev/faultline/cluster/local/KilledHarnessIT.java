package dev.faultline.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A harness JVM killed with SIGKILL runs no shutdown hook; its Cassandra dies with it (pdeathsig), and
 * {@code faultline cluster clean}, run as the CLI would, removes the namespaces, interfaces and rules it left.
 */
class KilledHarnessIT {

    private static final Pattern READY = Pattern.compile("cluster ([a-z0-9]{6}) ready");

    @Test
    void cleanRemovesEverythingAKilledRunLeft() throws Exception {
        Process harness = faultline("cluster", "up", "--nodes", "1").start();
        String runId = awaitReady(harness);
        try {
            killAndClean(harness, runId);
        } finally {
            harness.destroyForcibly();
            Cleaner.clean(runId);
        }
    }

    private static void killAndClean(Process harness, String runId) throws Exception {
        LocalClusterFacts before = LocalClusterFacts.of(runId);
        assertThat(before.namespaces()).containsExactly("faultline-" + runId + "-n1");
        assertThat(before.processes()).isNotEmpty();
        // a partition rule, so that rules are among the leftovers
        Commands.run(List.of("ip", "netns", "exec", "faultline-" + runId + "-n1", "iptables-restore"),
                Network.rules(runId, List.of("10.77.250.250"), List.of()));

        harness.destroyForcibly();
        assertThat(harness.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(LocalClusterFacts.of(runId).namespaces()).as("left behind by the killed harness").isNotEmpty();
        // Cassandra runs under pdeathsig: it dies with the harness instead of running on unowned.
        await().atMost(Duration.ofSeconds(30)).until(() -> LocalClusterFacts.of(runId).processes().isEmpty());

        Process clean = faultline("cluster", "clean").redirectErrorStream(true).start();
        String output = new String(clean.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(clean.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(clean.exitValue()).as(output).isZero();
        assertThat(output).contains("removed run " + runId);

        LocalClusterFacts after = LocalClusterFacts.of(runId);
        assertThat(after.namespaces()).isEmpty();
        assertThat(after.interfaces()).isEmpty();
        assertThat(after.processes()).isEmpty();
        assertThat(Commands.run(List.of("iptables-save"))).doesNotContain("faultline-" + runId);
    }

    /** What `ip netns list`, `ip link` and `pgrep -f` show of one run. */
    record LocalClusterFacts(List<String> namespaces, List<String> interfaces, List<String> processes) {
        static LocalClusterFacts of(String runId) {
            List<String> namespaces = Commands.run(List.of("ip", "netns", "list")).lines()
                    .map(l -> l.split(" ")[0]).filter(ns -> ns.startsWith("faultline-" + runId)).toList();
            List<String> interfaces = Commands.run(List.of("ip", "-o", "link")).lines()
                    .filter(l -> l.contains("flb" + runId) || l.contains("flv" + runId)).toList();
            Commands.Result pgrep = Commands.attempt(List.of("pgrep", "-f", "faultline.run=" + runId));
            List<String> processes = pgrep.output().lines().filter(l -> !l.isBlank()).toList();
            return new LocalClusterFacts(namespaces, interfaces, processes);
        }
    }

    private static ProcessBuilder faultline(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-D" + LocalCluster.RESULTS_PROPERTY + "=" + Path.of("target", "it-results").toAbsolutePath(),
                "dev.faultline.cli.Faultline"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static String awaitReady(Process harness) throws Exception {
        harness.getOutputStream().close();
        BufferedReader lines = new BufferedReader(new InputStreamReader(harness.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = lines.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = READY.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("`faultline cluster up` ended before it was ready:\n" + seen);
    }
}
