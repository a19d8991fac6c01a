package dev.faultline.cluster.local;

import dev.faultline.cluster.Link;
import dev.faultline.junit.CassandraCluster;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A one-way cut drops only what its source sends to its target, until healed. */
@CassandraCluster(nodes = 3, replicationFactor = 2)
class OneWayCutIT {

    LocalCluster cluster;

    @Test
    void packetsFromTheSourceAreDroppedAtTheTargetOnly() throws Exception {
        LocalNode n1 = (LocalNode) cluster.node("n1");
        LocalNode n2 = (LocalNode) cluster.node("n2");
        LocalNode n3 = (LocalNode) cluster.node("n3");

        cluster.cut(List.of(new Link("n1", "n2")));

        assertThat(inputRules(n2)).anyMatch(r -> r.contains("-s " + n1.address().getHostAddress() + "/32") && r.contains("DROP"));
        assertThat(inputRules(n1)).noneMatch(r -> r.contains("DROP"));
        assertThat(pings(n1, n2)).isFalse();
        assertThat(pings(n3, n2)).isTrue();

        cluster.heal();

        assertThat(inputRules(n2)).noneMatch(r -> r.contains("DROP"));
        assertThat(pings(n1, n2)).isTrue();
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

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
