package dev.faultline.cli;

import dev.faultline.cluster.local.LocalCluster;
import dev.faultline.cluster.local.LocalNode;
import dev.faultline.cluster.local.MissingPrerequisiteException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code faultline bench cluster}: seconds from nothing to a ready cluster (every node sees every other up)
 * for one and three nodes, resident memory per Cassandra JVM, and seconds to tear down.
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = "Times local cluster start-up (1 and 3 nodes) and measures resident memory per node.")
public final class BenchClusterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", defaultValue = "1,3", description = "cluster sizes to time (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--rounds", defaultValue = "1", description = "starts per size (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--heap-mb", defaultValue = "512", description = "heap per node in MB (default: ${DEFAULT-VALUE})")
    int heapMegabytes;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-6s %-6s %10s %12s %10s%n", "nodes", "round", "ready s", "RSS MB/node", "close s");
        for (int size : sizes) {
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                LocalCluster cluster;
                try {
                    cluster = LocalCluster.nodes(size).replicationFactor(Math.min(2, size)).heapMegabytes(heapMegabytes).start();
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("faultline: " + e.getMessage());
                    return Faultline.EXIT_BAD_INPUT;
                } catch (MissingPrerequisiteException e) {
                    spec.commandLine().getErr().println("faultline: " + e.getMessage());
                    return ClusterCommand.EXIT_MISSING_PREREQUISITE;
                }
                double ready = (System.nanoTime() - start) / 1e9;
                List<Long> rss = cluster.nodes().stream().map(LocalNode::pid).map(BenchClusterCommand::residentMegabytes).toList();
                long closing = System.nanoTime();
                cluster.close();
                out.printf("%-6d %-6d %10.1f %12s %10.1f%n", size, round, ready,
                        rss.stream().map(String::valueOf).reduce((a, b) -> a + "/" + b).orElse("-"),
                        (System.nanoTime() - closing) / 1e9);
                out.flush();
            }
        }
        return 0;
    }

    /** VmRSS of a process, from /proc/<pid>/status. */
    static long residentMegabytes(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                    .findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }
}
