package dev.faultline.cluster.local;

import dev.faultline.cluster.Link;
import dev.faultline.junit.CassandraCluster;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A one-way cut loses what its source sends its target, until healed, and nothing the target sends: Cassandra sends
 * each message on a connection its sender opened to the peer's storage port, so the target's connections must work.
 */
@CassandraCluster(nodes = 3, replicationFactor = 2)
class OneWayCutIT {

    LocalCluster cluster;

    @Test
    void whatTheSourceSendsIsDroppedAtTheTargetAndTheTargetsOwnConnectionsStillWork() throws Exception {
        LocalNode n1 = (LocalNode) cluster.node("n1");
        LocalNode n2 = (LocalNode) cluster.node("n2");
        LocalNode n3 = (LocalNode) cluster.node("n3");

        cluster.cut(List.of(new Link("n1", "n2")));

        assertThat(inputRules(n2)).anyMatch(r -> r.contains("-s " + n1.address().getHostAddress() + "/32") && r.contains("DROP"));
        assertThat(inputRules(n1)).noneMatch(r -> r.contains("DROP"));
        assertThat(pings(n1, n2)).isFalse();
        assertThat(pings(n3, n2)).isTrue();
        assertThat(connectsToStoragePort(n1, n2)).as("n1's messages to n2").isFalse();
        assertThat(connectsToStoragePort(n2, n1)).as("n2's messages to n1").isTrue();

        cluster.heal();

        assertThat(inputRules(n2)).noneMatch(r -> r.contains("DROP"));
        assertThat(pings(n1, n2)).isTrue();
        assertThat(connectsToStoragePort(n1, n2)).isTrue();
    }

    private static List<String> inputRules(LocalNode node) throws IOException, InterruptedException {
        return run("ip", "netns", "exec", node.namespace(), "iptables", "-S", "INPUT").lines().toList();
    }

    private static boolean pings(LocalNode from, LocalNode to) throws IOException, InterruptedException {
        Process ping = new ProcessBuilder("ip", "netns", "exec", from.namespace(), "ping", "-c", "1", "-W", "1",
                to.address().getHostAddress()).redirectErrorStream(true).start();
        ping.getInputStream().readAllBytes();
        return ping.waitFor() == 0;
    }

    /** A TCP connect from inside {@code from}'s namespace to {@code to}'s Cassandra storage port, given 2 s. */
    private static boolean connectsToStoragePort(LocalNode from, LocalNode to) throws IOException, InterruptedException {
        Process connect = new ProcessBuilder("ip", "netns", "exec", from.namespace(), "timeout", "2", "bash", "-c",
                "exec 3<>/dev/tcp/" + to.address().getHostAddress() + "/" + CassandraConfig.STORAGE_PORT)
                .redirectErrorStream(true).start();
        connect.getInputStream().readAllBytes();
        return connect.waitFor() == 0;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
