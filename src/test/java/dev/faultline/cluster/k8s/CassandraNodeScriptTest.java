package dev.faultline.cluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        ProcessBuilder builder = new ProcessBuilder("bash", Fixtures.directory().resolve(CassandraProcess.SCRIPT).toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
        builder.environment().putAll(Map.of("FAULTLINE_HOLD", hold().toString(), "FAULTLINE_PIDFILE", pidFile().toString(),
                "FAULTLINE_CASSANDRA", "sleep 1000"));
        wrapper = builder.start();
        return wrapper;
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
