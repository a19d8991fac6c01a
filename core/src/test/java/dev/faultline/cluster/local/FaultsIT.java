package dev.faultline.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import dev.faultline.cluster.NodeState;
import dev.faultline.junit.CassandraCluster;
import dev.faultline.cluster.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/** Every fault primitive against real Cassandra, observed the way a client sees it. */
@CassandraCluster(nodes = 3, replicationFactor = 2)
class FaultsIT {

    LocalCluster cluster;
    private CqlSession session;

    @BeforeAll
    static void schema(Cluster cluster) {
        cluster.createSchema(
                "CREATE KEYSPACE IF NOT EXISTS faults WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}",
                "CREATE TABLE IF NOT EXISTS faults.kv (k int PRIMARY KEY, v int)",
                "CREATE TABLE IF NOT EXISTS faults.blobs (k int PRIMARY KEY, v blob)");
    }

    @BeforeEach
    void openSession() {
        session = cluster.openSession();
    }

    @AfterEach
    void closeSession() {
        session.close();
    }

    @Test
    void isolatedNodeFailsQuorumForItsKeysWhileOneSucceedsUntilHealed() {
        Node n3 = driverNode("n3");
        // a key replicated on n3 and on n1, written through n1, which stays on the majority side
        Node n1 = driverNode("n1");
        int key = keyReplicatedOn(n1, n3);

        long isolated = System.nanoTime();
        cluster.isolate("n3");
        Class<?> firstFailure = null;
        Duration untilUnavailable = null;
        for (int i = 0; untilUnavailable == null; i++) {
            assertThat(Duration.ofNanos(System.nanoTime() - isolated)).isLessThan(Duration.ofSeconds(60));
            Throwable failure = quorumWriteFailure(key, i, n1);
            assertThat(failure).isInstanceOfAny(WriteTimeoutException.class, UnavailableException.class);
            firstFailure = firstFailure == null ? failure.getClass() : firstFailure;
            if (failure instanceof UnavailableException) {
                untilUnavailable = Duration.ofNanos(System.nanoTime() - isolated);
            }
            write(key, i, ConsistencyLevel.ONE, n1);
        }
        System.out.printf("isolate n3: first QUORUM failure %s, Unavailable after %d ms%n",
                firstFailure.getSimpleName(), untilUnavailable.toMillis());

        long healed = System.nanoTime();
        cluster.heal();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    write(key, -1, ConsistencyLevel.QUORUM, n1);
                    return true;
                });
        System.out.printf("heal: QUORUM writes succeed again after %d ms%n", (System.nanoTime() - healed) / 1_000_000);
    }

    @Test
    void killedNodeRestartsOnItsDataAndServesIt() {
        IntStream.range(0, 200).forEach(k -> write(k, k, ConsistencyLevel.QUORUM, driverNode("n1")));
        long pid = cluster.node("n2").pid();

        cluster.kill("n2");
        assertThat(cluster.node("n2").state()).isEqualTo(NodeState.KILLED);
        assertThat(ProcessHandle.of(pid)).isEmpty();

        long restarting = System.nanoTime();
        cluster.restart("n2");
        System.out.printf("kill -9 n2, restart: ready after %d ms%n", (System.nanoTime() - restarting) / 1_000_000);
        assertThat(cluster.node("n2").state()).isEqualTo(NodeState.UP);
        await().atMost(Duration.ofSeconds(30)).until(() -> driverNode("n2").getState()
                == com.datastax.oss.driver.api.core.metadata.NodeState.UP);
        Node n2 = driverNode("n2");
        for (int k = 0; k < 200; k++) {
            var row = session.execute(SimpleStatement.newInstance("SELECT v FROM faults.kv WHERE k = ?", k)
                    .setConsistencyLevel(ConsistencyLevel.QUORUM).setNode(n2)).one();
            assertThat(row).as("key %d via restarted n2", k).isNotNull();
            assertThat(row.getInt("v")).isEqualTo(k);
        }
    }

    @Test
    void drainStopsTheNodeCleanly() throws Exception {
        LocalNode n3 = cluster.node("n3");
        long pid = n3.pid();
        long draining = System.nanoTime();
        cluster.drain("n3");
        System.out.printf("drain n3: %d ms%n", (System.nanoTime() - draining) / 1_000_000);
        assertThat(n3.state()).isEqualTo(NodeState.DRAINED);
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(Files.readString(n3.directory().resolve("logs/system.log"))).contains("DRAINED");
    }

    @Test
    void pausedNodeIsStoppedUntilResumed() {
        LocalNode n1 = cluster.node("n1");
        cluster.pause("n1");
        assertThat(n1.state()).isEqualTo(NodeState.PAUSED);
        assertThat(procState(n1.pid())).isEqualTo('T');
        cluster.resume("n1");
        assertThat(n1.state()).isEqualTo(NodeState.UP);
        assertThat(procState(n1.pid())).isNotEqualTo('T');
    }

    @Test
    void clientIsolationCutsOnlyTheClients() {
        LocalNode n2 = cluster.node("n2");
        cluster.isolateFromClients("n2");
        assertThat(AdminSession.portOpen(n2.cqlAddress())).isFalse();
        assertThat(AdminSession.portOpen(cluster.node("n1").cqlAddress())).isTrue();
        // the nodes still talk: a QUORUM write of a key on n2 through n1 succeeds
        Node n1 = driverNode("n1");
        write(keyReplicatedOn(n1, driverNode("n2")), 7, ConsistencyLevel.QUORUM, n1);
        cluster.heal();
        assertThat(AdminSession.portOpen(n2.cqlAddress())).isTrue();
    }

    @Test
    void slowedNodeCannotSendALargeWriteInTimeUntilItsNetworkIsRestored() {
        Node n1 = driverNode("n1");
        Node n3 = driverNode("n3");
        int key = keyReplicatedOn(n1, driverNode("n2"));   // n3 only coordinates it
        ByteBuffer large = ByteBuffer.wrap(new byte[256 * 1024]);
        long sending = System.nanoTime();
        writeBlob(key, large, n3);
        System.out.printf("256 KB through n3 at full speed: %d ms%n", (System.nanoTime() - sending) / 1_000_000);
        cluster.slowNetwork("n3", 64);
        try {
            assertThat(qdisc("n3")).contains("tbf").contains("rate 64Kbit");
            // 512 KB for its two replicas at 8 KB a second: far past every timeout
            Throwable failure = catchThrowable(() -> writeBlob(key, large, n3));
            if (failure instanceof AllNodesFailedException all) {
                failure = all.getAllErrors().values().stream().flatMap(List::stream).findFirst().orElse(all);
            }
            assertThat(failure).isInstanceOfAny(WriteTimeoutException.class, DriverTimeoutException.class);
            writeBlob(key, large, n1);   // the other nodes send at full speed
        } finally {
            cluster.restoreNetwork("n3");
        }
        assertThat(qdisc("n3")).doesNotContain("tbf");
        long restored = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> writeBlob(key, large, n3));
        System.out.printf("restored: 256 KB through n3 again after %d ms%n", (System.nanoTime() - restored) / 1_000_000);
    }

    private void writeBlob(int key, ByteBuffer value, Node coordinator) {
        session.execute(SimpleStatement.newInstance("INSERT INTO faults.blobs (k, v) VALUES (?, ?)", key, value.duplicate())
                .setConsistencyLevel(ConsistencyLevel.ONE).setNode(coordinator));
    }

    private String qdisc(String node) {
        return Commands.run(List.of("ip", "netns", "exec", cluster.node(node).namespace(), "tc", "qdisc", "show", "dev", "eth0"));
    }

    /** The server's answer to a QUORUM write that must fail; a pinned node makes the driver wrap it. */
    private Throwable quorumWriteFailure(int key, int value, Node coordinator) {
        try {
            write(key, value, ConsistencyLevel.QUORUM, coordinator);
        } catch (AllNodesFailedException e) {
            return e.getAllErrors().values().stream().flatMap(List::stream).findFirst().orElse(e);
        } catch (DriverException e) {
            return e;
        }
        throw new AssertionError("QUORUM write of key " + key + " through " + coordinator.getEndPoint() + " succeeded");
    }

    private void write(int key, int value, ConsistencyLevel level, Node coordinator) {
        session.execute(SimpleStatement.newInstance("INSERT INTO faults.kv (k, v) VALUES (?, ?)", key, value)
                .setConsistencyLevel(level).setNode(coordinator));
    }

    private Node driverNode(String name) {
        var address = cluster.node(name).cqlAddress();
        return session.getMetadata().getNodes().values().stream()
                .filter(n -> address.equals(n.getEndPoint().resolve())).findFirst().orElseThrow();
    }

    private int keyReplicatedOn(Node a, Node b) {
        var tokens = session.getMetadata().getTokenMap().orElseThrow();
        return IntStream.range(0, 10_000)
                .filter(k -> tokens.getReplicas(CqlIdentifier.fromCql("faults"),
                        TypeCodecs.INT.encode(k, ProtocolVersion.DEFAULT)).equals(Set.of(a, b)))
                .findFirst().orElseThrow();
    }

    private static char procState(long pid) {
        try {
            String stat = Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (java.io.IOException e) {
            throw new AssertionError("no process " + pid, e);
        }
    }
}
