package dev.faultline.printerfacts;

import java.net.InetSocketAddress;
import java.util.List;
import picocli.CommandLine.Option;

/** Where Cassandra is: a mixin for every command that talks to it. */
public final class CassandraOptions {

    @Option(names = "--contact-point", required = true, paramLabel = "HOST:PORT", converter = ContactPoint.class,
            description = "A Cassandra node's native transport address; repeat for several.")
    private List<InetSocketAddress> contactPoints;

    @Option(names = "--datacenter", defaultValue = "datacenter1",
            description = "Cassandra data centre of the contact points (default: ${DEFAULT-VALUE}).")
    private String datacenter;

    public List<InetSocketAddress> contactPoints() {
        return contactPoints;
    }

    public String datacenter() {
        return datacenter;
    }
}
