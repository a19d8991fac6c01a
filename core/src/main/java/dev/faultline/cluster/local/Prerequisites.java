package dev.faultline.cluster.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Checks everything the local backend needs at once, so the user gets one message listing all of it. */
final class Prerequisites {

    /** Bit 12 of the effective capability set. */
    private static final long CAP_NET_ADMIN = 1L << 12;
    private static final List<String> TOOLS = List.of("ip", "iptables", "iptables-restore", "setpriv", "setsid");

    private Prerequisites() {
    }

    /** Everything a cluster needs: network privileges and tools, and the JDK its Cassandra release runs on. */
    static void checkForCluster(String cassandraVersion) {
        List<String> missing = missing(capabilities(), Prerequisites::onPath);
        if (CassandraJdk.locate(CassandraJdk.releaseFor(cassandraVersion), CassandraJdk.INSTALLED).isEmpty()) {
            missing.add(CassandraJdk.missing(cassandraVersion));
        }
        fail(missing);
    }

    /** What removing namespaces, links and processes needs. */
    static void checkForCleanup() {
        fail(missing(capabilities(), Prerequisites::onPath));
    }

    private static void fail(List<String> missing) {
        if (!missing.isEmpty()) {
            throw new MissingPrerequisiteException(String.join(", ", missing) + " missing");
        }
    }

    /** What is missing, given the effective capabilities and which tools exist. */
    static List<String> missing(long effectiveCapabilities, Predicate<String> toolPresent) {
        List<String> missing = new ArrayList<>();
        if ((effectiveCapabilities & CAP_NET_ADMIN) == 0) {
            missing.add("root (CAP_NET_ADMIN, to create network namespaces and iptables rules)");
        }
        for (String tool : TOOLS) {
            if (!toolPresent.test(tool)) {
                missing.add("`" + tool + "` (" + packageOf(tool) + ")");
            }
        }
        return missing;
    }

    private static String packageOf(String tool) {
        return switch (tool) {
            case "ip" -> "Debian package iproute2";
            case "setpriv", "setsid" -> "Debian package util-linux";
            default -> "Debian package iptables";
        };
    }

    static long capabilities() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("CapEff:"))
                    .map(line -> Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16))
                    .findFirst().orElse(0L);
        } catch (IOException e) {
            return 0L;
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
