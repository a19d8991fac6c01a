package dev.faultline.cluster.k8s;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * TCP connects from inside a Cassandra container (bash and coreutils' timeout are in the official image) to other
 * pods' ports, all at once. A path is open if the connect succeeds or is refused (a node that is down still sends
 * its RST); it is dropped only if no answer comes within the timeout, which is what a DROP rule does.
 */
final class Probe {

    static final int INTERNODE_PORT = 7000;
    static final int TIMEOUT_SECONDS = 2;
    /** coreutils' timeout exits 124 when it had to stop the command. */
    static final int TIMED_OUT = 124;

    private Probe() {
    }

    static List<String> command(Collection<String> addresses, int port) {
        String script = "for ip in " + String.join(" ", addresses) + "; do (timeout " + TIMEOUT_SECONDS
                + " bash -c \"exec 3<>/dev/tcp/$ip/" + port + "\" 2>/dev/null; echo \"$ip $?\") & done; wait";
        return List.of("bash", "-c", script);
    }

    /** Each address probed, with whether its path was dropped. */
    static Map<String, Boolean> dropped(String output, Collection<String> addresses) {
        Map<String, Boolean> dropped = new LinkedHashMap<>();
        for (String line : output.strip().split("\n")) {
            String[] parts = line.strip().split(" ");
            if (parts.length == 2 && addresses.contains(parts[0])) {
                dropped.put(parts[0], Integer.parseInt(parts[1]) == TIMED_OUT);
            }
        }
        if (!dropped.keySet().containsAll(addresses)) {
            throw new IllegalStateException("the probe of " + addresses + " answered for "
                    + dropped.keySet().stream().sorted().collect(Collectors.toList()) + " only: " + output.strip());
        }
        return dropped;
    }
}
