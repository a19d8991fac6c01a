package dev.faultline.cluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.cluster.CassandraSettings;
import dev.faultline.cluster.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code k8s-fixtures/cassandra-node.sh} itself, under bash, with {@code sleep} standing in for Cassandra, driven by
 * the very commands {@link CassandraProcess} sends into the container (with the hold and PID files in a temp dir).
 */
class CassandraNodeScriptTest {

    @TempDir
    Path dir;
    private Process wrapper;

    @AfterEach
    void stop() {
        if (wrapper != null) {
            wrapper.descendants().forEach(ProcessHandle::destroyForcibly);
            wrapper.destroyForcibly();
        }
    }

    private Process start() throws IOException {
        return start("sleep 1000");
    }

    /** The pod's volume; a Cassandra ran on it before unless a test says otherwise. */
    private Path data() throws IOException {
        Path data = dir.resolve("data");
        if (!Files.exists(data)) {
            Files.createDirectories(data);
            Files.createFile(data.resolve(".faultline-joined"));
        }
        return data;
    }

    /** The wrapper as the pod cassandra-2 of three runs it: the ConfigMap's files, and the image's cassandra.yaml. */
    private Process start(String cassandra) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Fixtures.nodeConfig(Fixtures.directory(), new Topology(3, 2)).getData()
                .forEach((name, text) -> write(config.resolve(name), text));
        Path conf = Files.createDirectories(dir.resolve("conf"));
        write(conf.resolve("cassandra.yaml"), """
                cluster_name: 'Test Cluster'
                num_tokens: 16
                # initial_token:
                read_request_timeout: 5000ms
                endpoint_snitch: SimpleSnitch
                """);
        ProcessBuilder builder = new ProcessBuilder("bash", Fixtures.directory().resolve(CassandraProcess.SCRIPT).toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
        builder.environment().putAll(Map.of("FAULTLINE_HOLD", hold().toString(), "FAULTLINE_PIDFILE", pidFile().toString(),
                "FAULTLINE_CASSANDRA", cassandra, "FAULTLINE_CONFIG", config.toString(), "CASSANDRA_CONF", conf.toString(),
                "HOSTNAME", "cassandra-2", "FAULTLINE_DATA", data().toString()));
        builder.environment().remove("JVM_EXTRA_OPTS");
        wrapper = builder.start();
        return wrapper;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path hold() {
        return dir.resolve("hold");
    }

    private Path pidFile() {
        return dir.resolve("cassandra.pid");
    }

    /** The command {@link CassandraProcess} sends, with this test's files in place of the container's. */
    private int send(List<String> command) throws Exception {
        String script = command.get(2).replace(CassandraProcess.HOLD, hold().toString())
                .replace(CassandraProcess.PID_FILE, pidFile().toString());
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private long cassandraPid() {
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(pidFile()) && !Files.readString(pidFile()).isBlank());
        try {
            return Long.parseLong(Files.readString(pidFile()).strip());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aKilledCassandraStaysDownWhileTheContainerLivesAndStartsAgainOnRelease() throws Exception {
        start();
        long first = cassandraPid();

        assertThat(send(CassandraProcess.kill())).isZero();

        assertThat(ProcessHandle.of(first)).as("SIGKILLed and reaped").isEmpty();
        Thread.sleep(1000);
        assertThat(wrapper.isAlive()).as("the container does not exit").isTrue();
        assertThat(wrapper.descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("1000")).orElse(false)))
                .as("no Cassandra while held").isEmpty();

        assertThat(send(CassandraProcess.release())).isZero();

        await().atMost(Duration.ofSeconds(5)).until(() -> cassandraPid() != first);
        assertThat(ProcessHandle.of(cassandraPid())).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        assertThat(wrapper.isAlive()).isTrue();
    }

    /**
     * Issue 25, defect 1: with the pods started in parallel, a fresh volume's Cassandra waits for the harness to
     * release it, and the volume remembers, so a pod recreated on it starts at once.
     */
    @Test
    void onAFreshVolumeCassandraWaitsForItsReleaseAndOnlyThere() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        start();
        Thread.sleep(1000);
        assertThat(Files.exists(pidFile())).as("held on a fresh volume").isFalse();
        assertThat(wrapper.isAlive()).isTrue();

        assertThat(send(CassandraProcess.release())).isZero();
        long first = cassandraPid();
        assertThat(Files.exists(dir.resolve("data/.faultline-joined"))).isTrue();
        assertThat(send(List.of("bash", "-c", CassandraProcess.READY.get(2).replace(CassandraProcess.PID_FILE,
                pidFile().toString())))).as("the readiness probe passes while it runs").isZero();

        wrapper.descendants().forEach(ProcessHandle::destroyForcibly);
        wrapper.destroyForcibly();
        wrapper.waitFor();
        Files.delete(pidFile());
        start();
        assertThat(cassandraPid()).as("a new container on the same volume starts unheld").isNotEqualTo(first);
        ProcessHandle second = ProcessHandle.of(cassandraPid()).orElseThrow();
        second.destroyForcibly();
        second.onExit().get();
        assertThat(send(List.of("bash", "-c", CassandraProcess.READY.get(2).replace(CassandraProcess.PID_FILE,
                pidFile().toString())))).as("and fails once it is gone").isNotZero();
    }

    @Test
    void cassandraStartsWithTheSettingsOfEveryBackendAndThisPodsToken() throws Exception {
        start("printenv JVM_EXTRA_OPTS");
        assertThat(wrapper.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        String yaml = Files.readString(dir.resolve("conf/cassandra.yaml"));
        Map<String, String> settings = new java.util.LinkedHashMap<>(CassandraSettings.yaml());
        settings.put("initial_token", CassandraSettings.initialToken(2, 3));
        settings.forEach((key, value) -> assertThat(yaml.lines().filter(l -> l.startsWith(key + ":")))
                .as(key).containsExactly(key + ": " + value));
        assertThat(yaml).contains("cluster_name: 'Test Cluster'", "# initial_token:");
        assertThat(Files.readString(dir.resolve("out")).strip().split(" "))
                .containsExactlyElementsOf(CassandraSettings.systemProperties().entrySet().stream()
                        .map(e -> "-D" + e.getKey() + "=" + e.getValue()).toList());
    }

    @Test
    void withoutAHoldCassandrasExitEndsTheContainerWithItsStatus() throws Exception {
        start();
        long pid = cassandraPid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        assertThat(wrapper.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(wrapper.exitValue()).isEqualTo(137);
    }

    @Test
    void sigtermStopsCassandraAndTheContainer() throws Exception {
        start();
        long pid = cassandraPid();

        wrapper.destroy();

        assertThat(wrapper.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }
}
