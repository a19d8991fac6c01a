package dev.faultline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * How many local Cassandra nodes this machine can host: each is a JVM of a 512 MB heap and about as
 * much again off-heap, and the harness and the system keep 2 GiB. Past that the nodes swap or are
 * killed by the kernel, and the run fails minutes in rather than at once.
 */
final class MachineCapacity {

    static final long BYTES_PER_NODE = 1L << 30;
    static final long RESERVED_BYTES = 2L << 30;

    private MachineCapacity() {
    }

    /** Local nodes this machine has memory for; empty when its memory cannot be read (not Linux). */
    static OptionalLong localNodes() {
        return memoryBytes().stream().map(total -> Math.max(0, (total - RESERVED_BYTES) / BYTES_PER_NODE)).findFirst();
    }

    /** Null when {@code nodes} fit, else the reason they do not. */
    static String problem(int nodes) {
        OptionalLong room = localNodes();
        if (room.isEmpty() || nodes <= room.getAsLong()) {
            return null;
        }
        return "nodes " + nodes + " is more than this machine can host on the local backend: its "
                + memoryBytes().getAsLong() / (1L << 20) + " MiB hold " + room.getAsLong()
                + " nodes (about 1 GiB each, 2 GiB kept for the harness); allowed: up to " + room.getAsLong();
    }

    private static OptionalLong memoryBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or a kernel that words it otherwise: the backend will say
        }
        return OptionalLong.empty();
    }
}
