package dev.faultline.cluster;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A running Cassandra cluster and the faults the nemesis composes. Every fault method returns only
 * once the fault is in place; {@link #healAll()} undoes all of them. Closing stops every process and
 * removes everything the cluster created.
 */
public interface Cluster extends AutoCloseable {

    /** The backend that started this cluster, as reports show it: {@code local}, {@code k3s}, {@code kube}. */
    String backendName();

    /** The backend's version, e.g. the Kubernetes API server's {@code v1.31.5+k3s1} or the local kernel's release. */
    String backendVersion();

    /** The Cassandra release the nodes run, as reports record it (e.g. {@code 5.0.6}). */
    String cassandraVersion();

    /** What this cluster can do beyond what every backend does, as its backend says ({@link ClusterBackend#capabilities}). */
    Set<Capability> capabilities();

    /** Tags every process, namespace and interface of this cluster, e.g. {@code k3f9qa}. */
    String runId();

    List<? extends Node> nodes();

    /** The node called {@code name}; an unknown name is an {@link IllegalArgumentException} listing the known ones. */
    Node node(String name);

    int replicationFactor();

    /** The data centre the driver must treat as local. */
    String localDatacenter();

    List<InetSocketAddress> contactPoints();

    /** A driver session builder preconfigured for this cluster (contact points, data centre, fast reconnects). */
    CqlSessionBuilder sessionBuilder();

    default CqlSession openSession() {
        return sessionBuilder().build();
    }

    /**
     * Runs schema statements (CREATE/ALTER/DROP) one by one through a single coordinator with a long timeout,
     * then waits for schema agreement. Issuing DDL through several coordinators at once, or again after a client
     * timeout, can create the same table twice with different ids: a disagreement Cassandra never resolves.
     */
    void createSchema(String... statements);

    /** Drops every keyspace but Cassandra's own: a clean slate without rebooting. */
    void resetData();

    /**
     * Waits until every running node reports the same schema version. The driver's own check reads peers'
     * versions from one node's gossip view, which can agree before the others have applied a DDL statement.
     */
    void awaitSchemaAgreement();

    /** Nodes in different groups can no longer talk to each other (both directions); nodes in no group are untouched. */
    void partition(Collection<? extends Collection<String>> groups);

    /**
     * Loses the messages of each link, from its {@code from} node to its {@code to} node, in addition to the cuts
     * already in place, while {@code to}'s own messages still reach {@code from}: one-way links make partitions no
     * grouping can, such as a majorities ring, or a coordinator that hears no replica answer.
     */
    void cut(Collection<Link> links);

    /** Cuts {@code node} off from every other node. */
    default void isolate(String node) {
        List<String> rest = nodes().stream().map(Node::name).filter(n -> !n.equals(node(node).name())).toList();
        partition(List.of(List.of(node), rest));
    }

    /** Clients (in the host namespace) can no longer reach {@code node}; the nodes still talk to each other. */
    void isolateFromClients(String node);

    /** Removes every partition and client isolation. */
    void heal();

    /** SIGKILL. */
    void kill(String node);

    /** SIGSTOP. */
    void pause(String node);

    /** SIGCONT. */
    void resume(String node);

    /** Cassandra's own drain (flush, stop accepting writes), then a clean stop. */
    void drain(String node);

    /**
     * Turns hinted handoff on or off on one node, until it restarts: off, the node as a coordinator
     * stores no hint for a replica it cannot reach, so only a repair brings that replica up to date.
     */
    void hintedHandoff(String node, boolean enabled);

    /**
     * Drains the machine {@code node} runs on: cordoned, its pods evicted. Only a cluster with
     * {@link Capability#DRAIN_MACHINE} does; the runners refuse the fault elsewhere before anything starts.
     * {@link #restart} brings the node back.
     */
    default void drainMachineOf(String node) {
        throw new UnsupportedOperationException("the '" + backendName() + "' backend cannot "
                + Capability.DRAIN_MACHINE.what());
    }

    /** Stops the machine {@code node} runs on ({@link Capability#KILL_MACHINE}); {@link #restart} starts it again. */
    default void killMachineOf(String node) {
        throw new UnsupportedOperationException("the '" + backendName() + "' backend cannot "
                + Capability.KILL_MACHINE.what());
    }

    /** Starts a killed or drained node again on its data and waits until it serves and its peers see it up. */
    void restart(String node);

    /**
     * The printerfacts app in front of this cluster: the local backend starts {@code perNode} replicas beside
     * each node (closing them stops them); a Kubernetes backend returns the replicas its fixtures deployed.
     */
    PrinterfactsReplicas printerfacts(int perNode);

    /**
     * Restarts {@code nodes} one at a time, in order, each drained, started again and seen up by its peers before
     * the next, as an operator rolls a configuration change through a cluster. A backend with a way of its own to
     * replace a node (a Kubernetes pod) overrides this.
     */
    default void rollingRestart(List<String> nodes) {
        for (String node : nodes) {
            drain(node);
            restart(node);
        }
    }

    /** Heals partitions, resumes paused nodes and restarts stopped ones: a clean cluster for the next test. */
    void healAll();

    /** Stops everything and removes what the cluster created; never throws for cleanup that already happened. */
    @Override
    void close();
}
