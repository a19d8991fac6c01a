package dev.faultline.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import dev.faultline.cluster.Cluster;
import dev.faultline.junit.CassandraCluster;
import dev.faultline.workload.DriverErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The evidence for issue 13's third defect, on two real nodes in the local backend's namespaces. Rules shaped like a
 * NetworkPolicy controller's (k3s's kube-router, kind's kube-network-policies, Calico: accept ESTABLISHED,RELATED
 * first, then drop NEW connections from the peer) leave Cassandra's long-lived internode connections alone, so the
 * nodes go on seeing each other up for far longer than the failure detector needs to convict. The stateless drop the
 * Kubernetes backends now insert in each pod's namespace ({@code -I INPUT -s peer -j DROP}, {@code -I OUTPUT -d peer
 * -j DROP}, no state match) makes each see the other down within that time.
 *
 * <p>Whether a node sees its peer up is asked as the lessons ask it: a read at ALL that the node coordinates (both
 * nodes hold every key at RF 2) answers if it holds the peer up, and is refused as Unavailable if it holds it down.
 */
@CassandraCluster(nodes = 2, replicationFactor = 2)
class StatefulVersusStatelessDropIT {

    /**
     * Faultline's nodes convict a silent peer after about 7.4 s (CassandraSettings' failure-detector properties); a
     * loaded machine stretches that, so the stateless drop has 30 s, and the policy-shaped rules must hold the nodes
     * up for 25 s, over three times the nominal conviction.
     */
    static final Duration CONVICTION_LIMIT = Duration.ofSeconds(30);
    static final Duration HELD_UP_FOR = Duration.ofSeconds(25);
    private static final String TAG = "faultline-drop-it";

    LocalCluster cluster;
    private CqlSession session;

    @BeforeAll
    static void schema(Cluster cluster) {
        cluster.createSchema(
                "CREATE KEYSPACE IF NOT EXISTS drops WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}",
                "CREATE TABLE IF NOT EXISTS drops.kv (k int PRIMARY KEY, v int)");
    }

    @BeforeEach
    void openSession() {
        session = cluster.openSession();
        session.execute(SimpleStatement.newInstance("INSERT INTO drops.kv (k, v) VALUES (1, 1)")
                .setConsistencyLevel(ConsistencyLevel.ALL));
    }

    /** Removes this test's rules, then waits until both nodes see each other again. */
    @AfterEach
    void removeRules() {
        session.close();
        for (String node : List.of("n1", "n2")) {
            String namespace = ((LocalNode) cluster.node(node)).namespace();
            for (String rule : Commands.run(List.of("ip", "netns", "exec", namespace, "iptables", "-S")).lines().toList()) {
                if (rule.contains("--comment " + TAG)) {
                    List<String> delete = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "iptables"));
                    delete.addAll(List.of(rule.replaceFirst("^-A ", "-D ").split(" ")));
                    Commands.run(delete);
                }
            }
        }
        cluster.healAll();
    }

    @Test
    void rulesThatAcceptEstablishedTrafficLeaveTheNodesSeeingEachOtherUp() throws InterruptedException {
        acceptEstablished("n1");
        acceptEstablished("n2");
        // A namespace's conntrack starts with its first conntrack rule and picks running flows up from their next
        // packet; a real node's has tracked them since they opened. Let every flow carry one before NEW is dropped.
        Thread.sleep(3000);
        seesPeer("n1");
        seesPeer("n2");
        dropNewFrom("n1", "n2");
        dropNewFrom("n2", "n1");

        // a request that needs a connection the rules see as new may time out (null); what must never happen is a
        // refusal as Unavailable, which would mean the failure detector convicted the peer
        long end = System.nanoTime() + HELD_UP_FOR.toNanos();
        int answered = 0;
        int timedOut = 0;
        while (System.nanoTime() < end) {
            for (String node : List.of("n1", "n2")) {
                Boolean up = seesPeer(node);
                assertThat(up).as(node + " holds its peer up through established connections").isNotEqualTo(Boolean.FALSE);
                answered += Boolean.TRUE.equals(up) ? 1 : 0;
                timedOut += up == null ? 1 : 0;
            }
            Thread.sleep(1000);
        }
        System.out.println("policy-shaped rules: both nodes held each other up for " + HELD_UP_FOR.toSeconds()
                + " s; reads at ALL: " + answered + " answered, " + timedOut + " timed out, none refused as Unavailable");
    }

    @Test
    void theStatelessDropMakesEachSeeTheOtherDownWithinTheFailureDetectorsTime() throws InterruptedException {
        stateless("n1", "n2");
        stateless("n2", "n1");

        long start = System.nanoTime();
        long deadline = start + CONVICTION_LIMIT.toNanos();
        boolean n1SeesDown = false;
        boolean n2SeesDown = false;
        while (!(n1SeesDown && n2SeesDown) && System.nanoTime() < deadline) {
            n1SeesDown = n1SeesDown || Boolean.FALSE.equals(seesPeer("n1"));
            n2SeesDown = n2SeesDown || Boolean.FALSE.equals(seesPeer("n2"));
            Thread.sleep(500);
        }
        assertThat(n1SeesDown).as("n1 holds n2 down within " + CONVICTION_LIMIT.toSeconds() + " s").isTrue();
        assertThat(n2SeesDown).as("n2 holds n1 down within " + CONVICTION_LIMIT.toSeconds() + " s").isTrue();
        System.out.printf("stateless drop: each node held the other down after %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** In {@code node}'s namespace, as a policy controller filters: established traffic first… */
    private void acceptEstablished(String node) {
        iptables(node, "-I", "INPUT", "1", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED",
                "-m", "comment", "--comment", TAG, "-j", "ACCEPT");
    }

    /** …then new connections from {@code peer} dropped. */
    private void dropNewFrom(String node, String peer) {
        String from = cluster.node(peer).address().getHostAddress() + "/32";
        iptables(node, "-A", "INPUT", "-s", from, "-m", "conntrack", "--ctstate", "NEW",
                "-m", "comment", "--comment", TAG, "-j", "DROP");
    }

    /** In {@code node}'s namespace, what the Kubernetes backends insert (DropRule.From and DropRule.To): every packet. */
    private void stateless(String node, String peer) {
        String address = cluster.node(peer).address().getHostAddress() + "/32";
        iptables(node, "-I", "INPUT", "-s", address, "-m", "comment", "--comment", TAG, "-j", "DROP");
        iptables(node, "-I", "OUTPUT", "-d", address, "-m", "comment", "--comment", TAG, "-j", "DROP");
    }

    private void iptables(String node, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ((LocalNode) cluster.node(node)).namespace(),
                "iptables", "-w"));
        command.addAll(List.of(args));
        Commands.run(command);
    }

    /** True: {@code node} holds its peer up; false: down (Unavailable); null: not decided (the read timed out). */
    private Boolean seesPeer(String node) {
        try {
            session.execute(SimpleStatement.newInstance("SELECT v FROM drops.kv WHERE k = 1")
                    .setConsistencyLevel(ConsistencyLevel.ALL).setNode(driverNode(node)).setTimeout(Duration.ofSeconds(3)));
            return true;
        } catch (DriverException e) {
            return DriverErrors.refusedAsUnavailable(e) ? false : null;
        }
    }

    private Node driverNode(String name) {
        var address = cluster.node(name).cqlAddress();
        return session.getMetadata().getNodes().values().stream()
                .filter(n -> address.equals(n.getEndPoint().resolve())).findFirst().orElseThrow();
    }
}
