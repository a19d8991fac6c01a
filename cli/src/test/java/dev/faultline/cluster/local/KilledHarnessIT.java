package dev.faultline.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A harness JVM killed with SIGKILL runs no shutdown hook: its Cassandra dies with it (pdeathsig) and its
 * watchdog removes the namespaces, interfaces, rules, state file and node data it left, within seconds. When the
 * watchdog is killed too, {@code faultline cluster clean} removes them.
 */
class KilledHarnessIT {

    private static final Pattern READY = Pattern.compile("cluster ([a-z0-9]{6}) ready");
    private static final Path IT_RESULTS = Path.of("cli", "target", "it-results").toAbsolutePath();
    private static final Duration WATCHDOG_DEADLINE = Duration.ofSeconds(15);
    private static final String SCENARIO = """
            name: killed-harness
            cluster: {nodes: 2, replication-factor: 2}
            workload: {type: register, keys: 4, concurrency: 2, rate: 50}
            compare: [QUORUM]
            duration: 60s
            seed: 3
            faults:
              - {fault: partition, grouping: isolate-one, node: n2, at: 20s, heal-after: 30s}
            """;

    /** Where the run is when the harness dies. */
    enum Moment { BOOT, WORKLOAD, FAULT }

    @ParameterizedTest
    @EnumSource(Moment.class)
    void aRunKilledLeavesNothingBehind(Moment moment) throws Exception {
        Path work = Files.createDirectories(Path.of("cli", "target", "killed-harness", moment.name().toLowerCase()).toAbsolutePath());
        Path scenario = Files.writeString(work.resolve("scenario.yaml"), SCENARIO);
        Path stateDir = work.resolve("state");
        Path results = work.resolve("results");
        Path log = work.resolve("harness.log");
        Process harness = faultline(stateDir, "run", scenario.toString(), "--results", results.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        harness.getOutputStream().close();
        String runId = null;
        try {
            runId = await().atMost(Duration.ofMinutes(3)).until(() -> alive(harness, log) && runIdIn(stateDir).isPresent()
                    ? runIdIn(stateDir) : Optional.<String>empty(), Optional::isPresent).get();
            String id = runId;
            switch (moment) {
                case BOOT -> await().atMost(Duration.ofMinutes(1))
                        .until(() -> alive(harness, log) && Facts.of(id).processes().size() >= 2 && !ready(id));
                case WORKLOAD -> await().atMost(Duration.ofMinutes(4))
                        .until(() -> alive(harness, log) && historyLines(results) >= 20 && !rulesIn(id));
                case FAULT -> await().atMost(Duration.ofMinutes(5)).until(() -> alive(harness, log) && rulesIn(id));
            }
            assertThat(harness.isAlive()).as("the harness is still running at the moment of the kill").isTrue();
            assertThat(Facts.of(runId).namespaces()).hasSize(2);

            long killedAt = System.nanoTime();
            harness.destroyForcibly();
            assertThat(harness.waitFor(30, TimeUnit.SECONDS)).isTrue();
            await().atMost(WATCHDOG_DEADLINE).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(Facts.of(id)).isEqualTo(Facts.NOTHING));
            System.out.printf("killed during %s: run %s gone %d ms after the kill%n", moment, runId,
                    Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
            assertThat(stateDir.resolve(runId + ".json")).doesNotExist();
            assertThat(Commands.run(List.of("iptables-save"))).doesNotContain("faultline-" + runId);
            assertThat(dataDirectories(results)).as("node data of the killed run").isEmpty();
            assertThat(dataDirectories(IT_RESULTS.resolve(runId))).as("node data of the killed run").isEmpty();
        } finally {
            harness.destroyForcibly();
            if (runId != null) {
                Cleaner.clean(runId);
            }
        }
    }

    @Test
    void cleanRemovesWhatARunLeftWhenItsWatchdogDiedToo() throws Exception {
        Process harness = faultline(RunState.directory(), "cluster", "up", "--nodes", "1").start();
        String runId = awaitReady(harness);
        try {
            Facts before = Facts.of(runId);
            assertThat(IT_RESULTS.resolve(runId).resolve("nodes/n1/data")).isDirectory();
            assertThat(before.namespaces()).containsExactly("faultline-" + runId + "-n1");
            assertThat(before.processes()).isNotEmpty();
            assertThat(before.watchdogs()).hasSize(1);
            // a partition rule, so that rules are among the leftovers
            Commands.run(List.of("ip", "netns", "exec", "faultline-" + runId + "-n1", "iptables-restore"),
                    Network.rules(runId, List.of("10.77.250.250"), List.of()));

            Commands.run(List.of("kill", "-KILL", before.watchdogs().get(0)));
            harness.destroyForcibly();
            assertThat(harness.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // Cassandra runs under pdeathsig: it dies with the harness instead of running on unowned.
            await().atMost(Duration.ofSeconds(30)).until(() -> Facts.of(runId).processes().isEmpty());
            assertThat(Facts.of(runId).namespaces()).as("left behind, nobody watching").isNotEmpty();

            Process clean = faultline(RunState.directory(), "cluster", "clean").redirectErrorStream(true).start();
            String output = new String(clean.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(clean.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(clean.exitValue()).as(output).isZero();
            assertThat(output).contains("removed run " + runId);
            assertThat(output).contains("node data [" + IT_RESULTS.resolve(runId).resolve("nodes/n1/data"));
            assertThat(dataDirectories(IT_RESULTS.resolve(runId))).as("the dead run's node data").isEmpty();
            assertThat(IT_RESULTS.resolve(runId).resolve("nodes/n1/logs/system.log")).as("its logs stay").exists();

            assertThat(Facts.of(runId)).isEqualTo(Facts.NOTHING);
            assertThat(Commands.run(List.of("iptables-save"))).doesNotContain("faultline-" + runId);
        } finally {
            harness.destroyForcibly();
            Cleaner.clean(runId);
        }
    }

    /** What `ip netns list`, `ip link` and `pgrep -f` show of one run. */
    record Facts(List<String> namespaces, List<String> interfaces, List<String> processes, List<String> watchdogs) {
        static final Facts NOTHING = new Facts(List.of(), List.of(), List.of(), List.of());

        static Facts of(String runId) {
            List<String> namespaces = Commands.run(List.of("ip", "netns", "list")).lines()
                    .map(l -> l.split(" ")[0]).filter(ns -> ns.startsWith("faultline-" + runId)).toList();
            List<String> interfaces = Commands.run(List.of("ip", "-o", "link")).lines()
                    .filter(l -> l.contains("flb" + runId) || l.contains("flv" + runId)).toList();
            return new Facts(namespaces, interfaces, pgrep("faultline.run=" + runId),
                    pgrep(Watchdog.class.getName() + " " + runId));
        }

        private static List<String> pgrep(String pattern) {
            return Commands.attempt(List.of("pgrep", "-f", pattern)).output().lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** True while the harness runs; its log as the failure when it ended before the moment came. */
    private static boolean alive(Process harness, Path log) throws IOException {
        if (!harness.isAlive()) {
            throw new AssertionError("the harness ended on its own (exit " + harness.exitValue() + "):\n" + Files.readString(log));
        }
        return true;
    }

    private static Optional<String> runIdIn(Path stateDir) throws IOException {
        if (!Files.isDirectory(stateDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(stateDir)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.matches("[a-z0-9]{6}\\.json"))
                    .map(f -> f.substring(0, 6)).findFirst();
        }
    }

    /** True once a CQL port answers: the boot is over. */
    private static boolean ready(String runId) {
        return Stream.of(1, 2).anyMatch(i -> Commands.attempt(List.of("ip", "netns", "exec", "faultline-" + runId + "-n" + i,
                "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9042")).ok());
    }

    private static boolean rulesIn(String runId) {
        Commands.Result rules = Commands.attempt(List.of("ip", "netns", "exec", "faultline-" + runId + "-n2", "iptables", "-S"));
        return rules.ok() && rules.output().contains("--comment faultline-" + runId + " -j DROP");
    }

    /** Lines of {@code results/<run>/<level>/history.jsonl}; no deeper, where Cassandra is changing its data files. */
    private static long historyLines(Path results) throws IOException {
        try (Stream<Path> files = Files.isDirectory(results)
                ? Files.find(results, 3, (f, attributes) -> f.getFileName().toString().equals("history.jsonl"))
                : Stream.empty()) {
            List<Path> histories = files.toList();
            long lines = 0;
            for (Path history : histories) {
                try (Stream<String> l = Files.lines(history)) {
                    lines += l.count();
                }
            }
            return lines;
        }
    }

    private static List<Path> dataDirectories(Path results) throws IOException {
        try (Stream<Path> files = Files.isDirectory(results) ? Files.walk(results) : Stream.empty()) {
            return files.filter(f -> Files.isDirectory(f) && CassandraConfig.DATA_DIRECTORIES.contains(f.getFileName().toString())
                    && f.getParent().getParent().getFileName().toString().equals("nodes")).toList();
        }
    }

    private static ProcessBuilder faultline(Path stateDir, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-D" + LocalCluster.RESULTS_PROPERTY + "=" + IT_RESULTS,
                "-D" + RunState.DIRECTORY_PROPERTY + "=" + stateDir.toAbsolutePath(),
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
