package dev.faultline.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;

/** One Cassandra node of a cluster. */
public interface Node {

    /** {@code n1} … {@code nN}. */
    String name();

    /** The address the node listens on (gossip and CQL). */
    InetAddress address();

    /** Where CQL clients connect. */
    InetSocketAddress cqlAddress();

    NodeState state();

    /** The node of {@code nodes} called {@code name}; an unknown name is an {@link IllegalArgumentException} listing the known ones. */
    static <N extends Node> N named(List<N> nodes, String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown node '" + name + "'; this cluster has "
                        + nodes.stream().map(Node::name).collect(Collectors.joining(", "))));
    }
}
