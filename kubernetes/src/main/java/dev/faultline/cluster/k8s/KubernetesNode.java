package dev.faultline.cluster.k8s;

import dev.faultline.cluster.Node;
import dev.faultline.cluster.NodeState;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Cassandra node {@code nN} is pod {@code cassandra-(N-1)} of the StatefulSet; its CQL port is forwarded locally. */
final class KubernetesNode implements Node {

    private final String name;
    private final String pod;
    private volatile InetAddress address;
    private volatile InetSocketAddress cqlAddress;
    private volatile NodeState state = NodeState.UP;

    KubernetesNode(String name, String pod) {
        this.name = name;
        this.pod = pod;
    }

    @Override
    public String name() {
        return name;
    }

    String pod() {
        return pod;
    }

    /** The pod's IP (it changes when the pod is recreated); null before the pod first runs. */
    @Override
    public InetAddress address() {
        return address;
    }

    @Override
    public InetSocketAddress cqlAddress() {
        return cqlAddress;
    }

    @Override
    public NodeState state() {
        return state;
    }

    void state(NodeState state) {
        this.state = state;
    }

    void reachedAt(InetAddress address, InetSocketAddress cqlAddress) {
        this.address = address;
        this.cqlAddress = cqlAddress;
    }

    @Override
    public String toString() {
        return name + "(" + pod + ", " + state + ")";
    }
}
