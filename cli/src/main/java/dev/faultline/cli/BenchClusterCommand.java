package dev.faultline.cli;

import dev.faultline.cluster.local.LocalCluster;
import dev.faultline.cluster.local.LocalNode;
import dev.faultline.cluster.local.MissingPrerequisiteException;
import dev.faultline.workload.CqlSchema;
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
import java.util.stream.Collectors;

/**
 * {@code faultline bench cluster}: seconds from nothing to a ready cluster (every node sees every other up)
 * for one and three nodes, resident memory per Cassandra JVM, and seconds to tear down.
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = "Times local cluster start-up (1 and 3 nodes), a first level's schema and a reset between test classes,"
                + " and measures resident memory per node.")
public final class BenchClusterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", defaultValue = "1,3", description = "cluster sizes to time (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--rounds", defaultValue = "1", description = "starts per size (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--heap-mb", defaultValue = "512", description = "heap per node in MB (default: ${DEFAULT-VALUE})")
    int heapMegabytes;

    @Option(names = "--no-cds", description = "start the node JVMs without the shared class-data archive")
    boolean withoutClassDataSharing;

    @Option(names = "--jvm-flag", paramLabel = "FLAG", description = "an extra flag for every Cassandra JVM, to try a start-up lever (repeatable)")
    List<String> jvmFlags = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-6s %-6s %10s %16s %16s %10s %10s %10s%n", "nodes", "round", "ready s", "CPU s/node", "RSS MB/node",
                "schema s", "reset s", "close s");
        for (int size : sizes) {
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                LocalCluster cluster;
                try {
                    cluster = LocalCluster.nodes(size).replicationFactor(Math.min(2, size)).heapMegabytes(heapMegabytes)
                            .classDataSharing(!withoutClassDataSharing).jvmFlags(jvmFlags).start();
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("faultline: " + e.getMessage());
                    return Faultline.EXIT_BAD_INPUT;
                } catch (MissingPrerequisiteException e) {
                    spec.commandLine().getErr().println("faultline: " + e.getMessage());
                    return ClusterCommand.EXIT_MISSING_PREREQUISITE;
                }
                double ready = (System.nanoTime() - start) / 1e9;
                List<Long> pids = cluster.nodes().stream().map(LocalNode::pid).toList();
                String cpu = pids.stream().map(pid -> String.format("%.1f", cpuSeconds(pid))).collect(Collectors.joining("/"));
                String rss = pids.stream().map(pid -> String.valueOf(residentMegabytes(pid))).collect(Collectors.joining("/"));
                // what a cluster's first level waits for (the workloads' keyspace and tables, agreed on by every
                // node), then what a test class waits for before it reuses the cluster (every user keyspace dropped)
                long schemaStart = System.nanoTime();
                cluster.createSchema(CqlSchema.statements(cluster.localDatacenter(), cluster.replicationFactor()));
                double schema = (System.nanoTime() - schemaStart) / 1e9;
                long resetStart = System.nanoTime();
                cluster.resetData();
                double reset = (System.nanoTime() - resetStart) / 1e9;
                long closing = System.nanoTime();
                cluster.close();
                out.printf("%-6d %-6d %10.1f %16s %16s %10.1f %10.1f %10.1f%n", size, round, ready, cpu, rss,
                        schema, reset, (System.nanoTime() - closing) / 1e9);
                out.flush();
            }
        }
        return 0;
    }

    /** User plus system CPU time a process has used so far: start-up cost independent of other load. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of stat, in clock ticks of 1/100 s
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException e) {
            return -1;
        }
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
