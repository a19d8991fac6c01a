package dev.faultline.cluster.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Checks everything the local backend needs at once, so the user gets one message listing all of it. */
final class Prerequisites {

    private static final List<String> TOOLS = List.of("ip", "iptables", "iptables-restore", "setpriv", "setsid");

    private Prerequisites() {
    }

    /** Everything a cluster needs but root ({@link Privileged#acquire}): the tools and the JDK its Cassandra release runs on. */
    static void checkForCluster(String cassandraVersion) {
        List<String> missing = missing(Prerequisites::onPath);
        if (CassandraJdk.locate(CassandraJdk.releaseFor(cassandraVersion), CassandraJdk.INSTALLED).isEmpty()) {
            missing.add(CassandraJdk.missing(cassandraVersion));
        }
        fail(missing);
    }

    /** What removing namespaces, links and processes needs (root comes with {@link Privileged#acquire}). */
    static void checkForCleanup() {
        fail(missing(Prerequisites::onPath));
    }

    private static void fail(List<String> missing) {
        if (!missing.isEmpty()) {
            throw new MissingPrerequisiteException(String.join(", ", missing) + " missing");
        }
    }

    /** Which tools are missing, given which exist. */
    static List<String> missing(Predicate<String> toolPresent) {
        List<String> missing = new ArrayList<>();
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

    /** On PATH, or where root finds it: the privileged helper runs with sudo's secure_path, which has the sbin folders. */
    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/local/sbin:/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
