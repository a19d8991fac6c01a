package dev.faultline.cluster.local;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every name a run gives to the system, derived from its id so that a cleaner can find what a killed
 * run left. Interface names are limited to 15 characters by Linux, hence the short prefixes.
 */
record RunNames(String runId, int subnet) {

    static final String NAMESPACE_PREFIX = "faultline-";
    static final String BRIDGE_PREFIX = "flb";
    static final String VETH_PREFIX = "flv";
    static final String RUN_PROPERTY = "faultline.run";
    static final String RUN_ENV = "FAULTLINE_RUN";
    static final int MAX_NODES = 99;
    private static final int ID_LENGTH = 6;
    private static final int IFNAMSIZ = 15;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]{" + ID_LENGTH + "}");
    private static final Pattern NAMESPACE = Pattern.compile(NAMESPACE_PREFIX + "(" + RUN_ID + ")-n\\d+");
    private static final Pattern INTERFACE = Pattern.compile("fl[bv](" + RUN_ID + ")(n\\d+)?");
    private static final Pattern NODE = Pattern.compile("n([1-9][0-9]?)");

    RunNames {
        requireRunId(runId);
        if (subnet < 1 || subnet > 254) {
            throw new IllegalArgumentException("subnet must be 1..254, got " + subnet);
        }
    }

    /** {@code runId} itself, if it is one a run could have; anything else is refused. */
    static String requireRunId(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must be " + ID_LENGTH + " lowercase letters or digits, got '" + runId + "'");
        }
        return runId;
    }

    static String newRunId() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /** The index of node {@code n<i>}; anything else is refused. */
    static int nodeIndex(String node) {
        Matcher m = NODE.matcher(node);
        if (!m.matches()) {
            throw new IllegalArgumentException("node must be n1 to n" + MAX_NODES + ", got '" + node + "'");
        }
        return Integer.parseInt(m.group(1));
    }

    /** Whether {@code address} is one of this run's subnet, 10.77.k.1 to 10.77.k.254. */
    boolean ownsAddress(String address) {
        String prefix = "10.77." + subnet + ".";
        if (!address.startsWith(prefix) || !address.substring(prefix.length()).matches("[1-9][0-9]{0,2}")) {
            return false;
        }
        return Integer.parseInt(address.substring(prefix.length())) <= 254;
    }

    static String nodeName(int index) {
        return "n" + index;
    }

    String bridge() {
        return BRIDGE_PREFIX + runId;
    }

    /** The host end of the node's veth pair; the namespace end is always {@code eth0}. */
    String veth(String node) {
        String name = VETH_PREFIX + runId + node;
        if (name.length() > IFNAMSIZ) {
            throw new IllegalArgumentException("interface name too long: " + name);
        }
        return name;
    }

    String namespace(String node) {
        return NAMESPACE_PREFIX + runId + "-" + node;
    }

    /** The bridge's address: the node's default gateway and the source of every client connection. */
    String gateway() {
        return "10.77." + subnet + ".1";
    }

    String address(int nodeIndex) {
        return "10.77." + subnet + "." + (10 + nodeIndex);
    }

    String clusterName() {
        return "faultline-" + runId;
    }

    /** The argument that tags a JVM's command line with the run. */
    String runTag() {
        return "-D" + RUN_PROPERTY + "=" + runId;
    }

    static Optional<String> runOfNamespace(String namespace) {
        Matcher m = NAMESPACE.matcher(namespace);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static Optional<String> runOfInterface(String name) {
        Matcher m = INTERFACE.matcher(name);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
