package dev.faultline.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** One Cassandra node of a cluster. */
public interface Node {

    /** {@code n1} … {@code nN}. */
    String name();

    /** The address the node listens on (gossip and CQL). */
    InetAddress address();

    /** Where CQL clients connect. */
    InetSocketAddress cqlAddress();

    NodeState state();
}
