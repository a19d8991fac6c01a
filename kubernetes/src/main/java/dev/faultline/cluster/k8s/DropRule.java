package dev.faultline.cluster.k8s;

/**
 * One stateless iptables DROP rule in a pod's network namespace, inserted first in its chain and matching no
 * connection state: packets of established connections are dropped too. (A NetworkPolicy would not do: policy
 * controllers accept ESTABLISHED traffic before their rules, so Cassandra's long-lived internode connections, and
 * gossip with them, would keep flowing.)
 */
sealed interface DropRule {

    /** The iptables arguments after {@code -I}, without the run's comment. */
    String match();

    /** Packets arriving from {@code address}. */
    record From(String address) implements DropRule {
        @Override
        public String match() {
            return "INPUT -s " + address + "/32";
        }
    }

    /**
     * TCP packets arriving from {@code address}, except those from its internode port: half of a one-way cut, as the
     * local backend makes it. Cassandra sends every internode message, answers included, on a connection its sender
     * opened to the peer's internode port, so the packets from that port answer this pod's own connections and carry
     * its messages, which a one-way cut lets through.
     */
    record SentBy(String address) implements DropRule {
        @Override
        public String match() {
            return "INPUT -s " + address + "/32 -p tcp ! --sport " + Probe.INTERNODE_PORT;
        }
    }

    /** The other half of a one-way cut: whatever else than TCP arrives from {@code address}. */
    record NonTcpFrom(String address) implements DropRule {
        @Override
        public String match() {
            return "INPUT -s " + address + "/32 ! -p tcp";
        }
    }

    /** Packets leaving for {@code address}. */
    record To(String address) implements DropRule {
        @Override
        public String match() {
            return "OUTPUT -d " + address + "/32";
        }
    }

    /**
     * Packets for the CQL port, whoever sends them: only clients speak CQL (nodes talk on 7000), including this
     * JVM, whose port-forward enters the pod's namespace and connects to the port on loopback.
     */
    record Clients() implements DropRule {
        @Override
        public String match() {
            return "INPUT -p tcp --dport " + CqlForwards.CQL_PORT;
        }
    }
}
