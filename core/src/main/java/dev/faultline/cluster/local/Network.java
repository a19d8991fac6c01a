package dev.faultline.cluster.local;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run's network: one bridge in the host namespace, one namespace per node joined to it by a veth
 * pair, and iptables rules inside the namespaces for partitions. Everything is named after the run.
 */
final class Network {

    private static final Pattern SUBNET = Pattern.compile("inet 10\\.77\\.(\\d+)\\.");

    private Network() {
    }

    /** The 10.77.k.0/24 subnets already assigned to some interface on this host. */
    static Set<Integer> subnetsInUse() {
        Set<Integer> used = new TreeSet<>();
        Matcher m = SUBNET.matcher(Commands.run(List.of("ip", "-4", "-o", "addr", "show")));
        while (m.find()) {
            used.add(Integer.parseInt(m.group(1)));
        }
        return used;
    }

    static int firstFreeSubnet(Collection<Integer> used) {
        for (int k = 1; k <= 254; k++) {
            if (!used.contains(k)) {
                return k;
            }
        }
        throw new IllegalStateException("all 254 subnets 10.77.k.0/24 are in use; run `faultline cluster clean`");
    }

    static void createBridge(RunNames names) {
        Commands.run(List.of("ip", "link", "add", names.bridge(), "type", "bridge"));
        Commands.run(List.of("ip", "addr", "add", names.gateway() + "/24", "dev", names.bridge()));
        Commands.run(List.of("ip", "link", "set", names.bridge(), "up"));
    }

    static void createNode(RunNames names, String node, String address) {
        String ns = names.namespace(node);
        String veth = names.veth(node);
        Commands.run(List.of("ip", "netns", "add", ns));
        Commands.run(List.of("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns));
        Commands.run(List.of("ip", "link", "set", veth, "master", names.bridge(), "up"));
        Commands.run(List.of("ip", "-n", ns, "addr", "add", address + "/24", "dev", "eth0"));
        Commands.run(List.of("ip", "-n", ns, "link", "set", "eth0", "up"));
        Commands.run(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        Commands.run(List.of("ip", "-n", ns, "route", "add", "default", "via", names.gateway()));
    }

    /**
     * Replaces the namespace's filter table with DROP rules, in one atomic iptables-restore: both
     * directions for {@code addresses}; for {@code inboundOnly}, what those nodes send (a one-way cut). Empty sets heal
     * the node.
     * <p>
     * Cassandra sends every internode message, answers included, on a connection its sender opened to the peer's
     * storage port. So a one-way cut drops whatever arrives from the source except the packets from its storage port:
     * those answer connections this node opened, and carry this node's messages, which must still get through.
     * Dropping every packet from the source instead would break this node's own connections too, a cut both ways.
     */
    static void block(String namespace, String runId, Collection<String> addresses, Collection<String> inboundOnly) {
        Commands.run(List.of("ip", "netns", "exec", namespace, "iptables-restore"), rules(runId, addresses, inboundOnly));
    }

    /**
     * Caps what the namespace's node sends with a token bucket on its eth0 (tbf: netem is not built into every
     * kernel); what waits longer than a second is dropped, so the node's TCP slows to the rate as on a congested link.
     */
    static void slow(String namespace, int kbitPerSecond) {
        Commands.run(List.of("ip", "netns", "exec", namespace, "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf",
                "rate", kbitPerSecond + "kbit", "burst", "16kb", "latency", "1s"));
    }

    /** The namespace's eth0 back to its default queue, at full speed. */
    static void restore(String namespace) {
        Commands.run(List.of("ip", "netns", "exec", namespace, "tc", "qdisc", "del", "dev", "eth0", "root"));
    }

    static String rules(String runId, Collection<String> addresses, Collection<String> inboundOnly) {
        List<String> lines = new ArrayList<>(List.of("*filter", ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]",
                ":OUTPUT ACCEPT [0:0]"));
        String tag = "-m comment --comment faultline-" + runId;
        for (String address : new TreeSet<>(addresses)) {
            lines.add("-A INPUT -s " + address + "/32 " + tag + " -j DROP");
            lines.add("-A OUTPUT -d " + address + "/32 " + tag + " -j DROP");
        }
        for (String address : new TreeSet<>(inboundOnly)) {
            lines.add("-A INPUT -s " + address + "/32 -p tcp ! --sport " + CassandraConfig.STORAGE_PORT + " " + tag + " -j DROP");
            lines.add("-A INPUT -s " + address + "/32 ! -p tcp " + tag + " -j DROP");
        }
        lines.add("COMMIT");
        return String.join("\n", lines) + "\n";
    }

    /** Network namespaces on this host. */
    static List<String> namespaces() {
        return Commands.run(List.of("ip", "netns", "list")).lines()
                .map(line -> line.split("\\s+")[0])
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Interface names in the host namespace (without the {@code @peer} suffix). */
    static List<String> interfaces() {
        return Commands.run(List.of("ip", "-o", "link", "show")).lines()
                .map(line -> line.split(":\\s+", 3))
                .filter(parts -> parts.length >= 2)
                .map(parts -> parts[1].split("@")[0])
                .toList();
    }

    /** Pids of processes living in the namespace. */
    static List<Long> pidsIn(String namespace) {
        Commands.Result result = Commands.attempt(List.of("ip", "netns", "pids", namespace));
        if (!result.ok()) {
            return List.of();
        }
        return result.output().lines().map(String::strip).filter(s -> s.matches("\\d+")).map(Long::parseLong).toList();
    }

    /** Deletes a namespace (its eth0 and rules go with it, the host veth end too); absent is fine. */
    static void deleteNamespace(String namespace) {
        Commands.attempt(List.of("ip", "netns", "delete", namespace));
    }

    static void deleteInterface(String name) {
        Commands.attempt(List.of("ip", "link", "delete", name));
    }
}
