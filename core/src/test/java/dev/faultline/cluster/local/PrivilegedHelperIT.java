package dev.faultline.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The privileged helper itself, with real namespaces, veths, iptables and processes but no Cassandra: a root test
 * JVM starts it for another user ({@code nobody}) the way sudo would start it for the user who ran sudo, so what it
 * launches must run as that user, and it must refuse whatever lies outside the run it adopted.
 */
class PrivilegedHelperIT {

    private static final int NOBODY = 65534;
    /** As sudo starts it for user {@code nobody}, without sudo: this JVM is root already. */
    static final List<String> AS_NOBODY = List.of("setsid", "env", "SUDO_UID=" + NOBODY, "SUDO_GID=" + NOBODY);

    @TempDir
    Path dir;

    private final List<String> runs = new ArrayList<>();

    @AfterEach
    void removeRuns() {
        runs.forEach(Cleaner::removeRun);
    }

    private RunNames newRun() {
        RunNames names = new RunNames(RunNames.newRunId(), Network.firstFreeSubnet(Network.subnetsInUse()));
        runs.add(names.runId());
        return names;
    }

    private Path logOfNobody(String name) throws Exception {
        Path log = Files.createFile(dir.resolve(name));
        Files.setAttribute(log, "unix:uid", NOBODY);
        return log;
    }

    @Test
    void runsCommandsInTheNodesNamespaceAsTheUserAndBlocksOnlyItsRunsAddresses() throws Exception {
        HelperClient helper = HelperClient.start(AS_NOBODY);
        RunNames names = newRun();
        helper.watch(names.runId());
        helper.createBridge(names);
        helper.createNode(names, "n1");
        helper.createNode(names, "n2");

        Path log = logOfNobody("id.log");
        LaunchedProcess id = helper.launch(names, "n1", "id", List.of("sh", "-c", "id -u; ip -4 -o addr show eth0; echo $GREETING"),
                Map.of("GREETING", "hello from the harness"), log);
        assertThat(id.waitFor(Duration.ofSeconds(20))).isTrue();
        assertThat(id.exitedCleanly()).isTrue();
        assertThat(Files.readString(log)).startsWith(NOBODY + "\n").contains("inet " + names.address(1) + "/24")
                .contains("hello from the harness");
        assertThat(Files.getAttribute(log, "unix:uid")).isEqualTo(NOBODY);

        LaunchedProcess failing = helper.launch(names, "n2", "false", List.of("false"), Map.of(), logOfNobody("false.log"));
        assertThat(failing.waitFor(Duration.ofSeconds(20))).isTrue();
        assertThat(failing.exitedCleanly()).isFalse();

        LaunchedProcess sleeper = helper.launch(names, "n2", "sleep", List.of("sleep", "600"), Map.of(), logOfNobody("sleep.log"));
        // ip netns exec, then setpriv, exec into the command in the same process: it is root until setpriv has run
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.getAttribute(Path.of("/proc", Long.toString(sleeper.pid())), "unix:uid"),
                uid -> NOBODY == (int) uid);
        assertThat(Cleaner.runOfProcess(sleeper.pid())).contains(names.runId());
        sleeper.signal("STOP");
        await().atMost(Duration.ofSeconds(5)).until(() -> sleeper.procState() == 'T');
        sleeper.signal("CONT");
        sleeper.stop(Duration.ofSeconds(5));
        assertThat(sleeper.isAlive()).isFalse();

        helper.block(names, "n1", List.of(names.address(2), names.gateway()), List.of());
        assertThat(Commands.run(List.of("ip", "netns", "exec", names.namespace("n1"), "iptables", "-S")))
                .contains("-A INPUT -s " + names.address(2) + "/32 -m comment --comment faultline-" + names.runId() + " -j DROP");

        helper.shape(names, "n2", 256);
        assertThat(Commands.run(List.of("ip", "netns", "exec", names.namespace("n2"), "tc", "qdisc", "show", "dev", "eth0")))
                .contains("tbf").contains("256Kbit");
        helper.shape(names, "n2", 0);
        assertThat(Commands.run(List.of("ip", "netns", "exec", names.namespace("n2"), "tc", "qdisc", "show", "dev", "eth0")))
                .doesNotContain("tbf");
        assertThatThrownBy(() -> helper.shape(names, "n2", -1)).hasMessageContaining("allowed: 0 (full speed) to 10000000");

        assertThatThrownBy(() -> helper.block(names, "n1", List.of("10.0.0.1"), List.of()))
                .hasMessageContaining("address 10.0.0.1 is not in run " + names.runId() + "'s subnet");
        assertThatThrownBy(() -> helper.createNode(names, "n100")).hasMessageContaining("node must be n1 to n99");
        assertThatThrownBy(() -> helper.createNode(names, "n1; reboot")).hasMessageContaining("node must be n1 to n99");
        assertThatThrownBy(() -> helper.launch(names, "n1", "x", List.of("true"), Map.of("BAD NAME", "x"), logOfNobody("x.log")))
                .hasMessageContaining("not an environment variable name");
        assertThatThrownBy(() -> helper.launch(names, "n1", "root-log", List.of("true"), Map.of(), Files.createFile(dir.resolve("root.log"))))
                .hasMessageContaining("regular file of uid " + NOBODY);
        Path link = Files.createSymbolicLink(dir.resolve("link.log"), logOfNobody("target.log"));
        assertThatThrownBy(() -> helper.launch(names, "n1", "link", List.of("true"), Map.of(), link))
                .hasMessageContaining("regular file of uid " + NOBODY);

        RunNames other = newRun();
        assertThatThrownBy(() -> helper.createBridge(other)).hasMessageContaining("was not started through this helper");
        assertThatThrownBy(() -> helper.watch(names.runId())).hasMessageContaining("exists already");

        Cleaner.Removed removed = helper.clean(names.runId());
        assertThat(removed.namespaces()).containsExactlyInAnyOrder(names.namespace("n1"), names.namespace("n2"));
        assertThat(removed.interfaces()).contains(names.bridge());
        assertThat(Network.namespaces()).noneMatch(ns -> ns.contains(names.runId()));
    }

    /** A harness killed with SIGKILL: its helper reads the end of its pipe and removes the run. */
    @Test
    void aKilledHarnessesRunIsRemovedByItsHelper() throws Exception {
        Process harness = new ProcessBuilder(Watchdog.java(), "-cp", System.getProperty("java.class.path"),
                Harness.class.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String ready = new BufferedReader(new InputStreamReader(harness.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(ready).as("the harness's first line").startsWith("ready ");
        String runId = ready.split(" ")[1];
        long sleeper = Long.parseLong(ready.split(" ")[2]);
        runs.add(runId);
        assertThat(Network.namespaces()).contains("faultline-" + runId + "-n1");

        harness.destroyForcibly();
        assertThat(harness.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long killed = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> Network.namespaces().stream().noneMatch(ns -> ns.contains(runId))
                        && Network.interfaces().stream().noneMatch(i -> i.contains(runId))
                        && ProcessHandle.of(sleeper).map(p -> !p.isAlive()).orElse(true));
        System.out.printf("PrivilegedHelperIT: a SIGKILLed harness's run was gone %.2f s after its death%n",
                (System.nanoTime() - killed) / 1e9);
    }

    /** A harness of its own JVM: adopts a run with one node and a process as nobody, says so, and waits to be killed. */
    public static final class Harness {
        public static void main(String[] args) throws Exception {
            HelperClient helper = HelperClient.start(AS_NOBODY);
            RunNames names = new RunNames(RunNames.newRunId(), Network.firstFreeSubnet(Network.subnetsInUse()));
            helper.watch(names.runId());
            helper.createBridge(names);
            helper.createNode(names, "n1");
            Path log = Files.createFile(Path.of(args[0]).resolve("harness-sleep.log"));
            Files.setAttribute(log, "unix:uid", NOBODY);
            LaunchedProcess sleeper = helper.launch(names, "n1", "sleep", List.of("sleep", "600"), Map.of(), log);
            System.out.println("ready " + names.runId() + " " + sleeper.pid());
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(5).toMillis());
        }
    }
}
