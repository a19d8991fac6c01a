package dev.faultline.cli;

import dev.faultline.cluster.Cluster;
import dev.faultline.cluster.ClusterBackend;
import dev.faultline.cli.ClusterBackends;
import dev.faultline.cluster.Node;
import dev.faultline.cluster.StartOptions;
import dev.faultline.cluster.Topology;
import dev.faultline.cluster.local.Cleaner;
import dev.faultline.cluster.local.LocalBackend;
import dev.faultline.cluster.local.LocalCluster;
import dev.faultline.cluster.local.LocalNode;
import dev.faultline.cluster.local.MissingPrerequisiteException;
import dev.faultline.cluster.local.RunState;
import dev.faultline.cluster.local.LocalReplicas;
import dev.faultline.printerfacts.FactStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code faultline cluster up|status|down|clean}: a local Cassandra cluster to explore by hand. */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = "Starts, inspects, stops and cleans up local Cassandra clusters (network namespaces on this host).",
        subcommands = {ClusterCommand.Up.class, ClusterCommand.Status.class, ClusterCommand.Down.class,
                ClusterCommand.Clean.class})
public final class ClusterCommand implements Runnable {

    /** Exit code when the machine lacks something the cluster needs (root, ip, iptables, JDK 17). */
    static final int EXIT_MISSING_PREREQUISITE = 1;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Starts a cluster and keeps it up in the foreground until Ctrl-C (or `faultline cluster down`"
                    + " from another shell); everything it created is removed when it stops.")
    static final class Up implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--nodes", defaultValue = "3", description = "Cassandra nodes (default: ${DEFAULT-VALUE})")
        int nodes;

        @Option(names = "--rf", description = "replication factor tests use (default: 2, or 1 for a single node)")
        Integer replicationFactor;

        @Option(names = "--heap-mb", defaultValue = "512", description = "heap per node in MB (default: ${DEFAULT-VALUE})")
        int heapMegabytes;

        @Option(names = "--printerfacts", defaultValue = "0", paramLabel = "N",
                description = "printerfacts replicas to start in each node's namespace (default: ${DEFAULT-VALUE})")
        int printerfacts;

        @Option(names = "--backend", defaultValue = "local", paramLabel = "local|k3s|kube",
                description = "where the cluster runs: local namespaces, k3s in Docker, or the cluster of a kubeconfig"
                        + " (default: ${DEFAULT-VALUE})")
        String backend;

        @Option(names = "--cassandra-version", paramLabel = "VERSION", defaultValue = Topology.DEFAULT_CASSANDRA_VERSION,
                description = "the Cassandra release the nodes run (default: ${DEFAULT-VALUE})")
        String cassandraVersion;

        @Mixin
        KubernetesOptions kubernetes;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            if (!backend.equals(LocalBackend.NAME)) {
                return upOnKubernetes(out);
            }
            try {
                ClusterBackends.byName(backend, kubernetes);
            } catch (IllegalArgumentException e) {
                return fail(spec, Faultline.EXIT_BAD_INPUT, e.getMessage());
            }
            if (printerfacts < 0 || printerfacts > LocalReplicas.MAX_PER_NODE) {
                return fail(spec, Faultline.EXIT_BAD_INPUT, "--printerfacts " + printerfacts + " is not allowed; allowed: 0-"
                        + LocalReplicas.MAX_PER_NODE + " replicas per node");
            }
            long started = System.nanoTime();
            int rf = replicationFactor();
            LocalCluster cluster;
            try {
                cluster = LocalCluster.nodes(nodes).replicationFactor(rf).heapMegabytes(heapMegabytes)
                        .cassandraVersion(cassandraVersion).progress(line -> {
                            out.println(line);
                            out.flush();
                        }).start();
            } catch (IllegalArgumentException e) {
                return fail(spec, Faultline.EXIT_BAD_INPUT, e.getMessage());
            } catch (MissingPrerequisiteException e) {
                return fail(spec, EXIT_MISSING_PREREQUISITE, e.getMessage());
            }
            out.printf("cluster %s ready in %.1f s: %d node(s) of Cassandra %s, replication factor %d, data centre %s%n",
                    cluster.runId(), (System.nanoTime() - started) / 1e9, nodes, cluster.cassandraVersion(), rf,
                    cluster.localDatacenter());
            for (LocalNode node : cluster.nodes()) {
                out.printf("  %s  %s:9042  namespace %s  pid %d%n", node.name(), node.address().getHostAddress(),
                        node.namespace(), node.pid());
            }
            LocalNode first = cluster.nodes().get(0);
            String host = first.address().getHostAddress();
            out.printf("connect from this host:%n");
            out.printf("  Java driver: CqlSession.builder().addContactPoint(new InetSocketAddress(\"%s\", 9042))"
                    + ".withLocalDatacenter(\"%s\").build()%n", host, cluster.localDatacenter());
            out.printf("  cqlsh:       cqlsh %s 9042%n", host);
            out.printf("  inside a node's namespace: ip netns exec %s <command>%n", first.namespace());
            if (printerfacts > 0) {
                startReplicas(cluster, printerfacts, out);
            }
            out.printf("logs: %s%n", cluster.runDirectory().resolve("nodes"));
            out.printf("stop: Ctrl-C here, or `faultline cluster down %s`%n", cluster.runId());
            out.flush();
            // The cluster's shutdown hook removes everything on SIGINT/SIGTERM; until then there is nothing to do.
            new CountDownLatch(1).await();
            return 0;
        }

        /**
         * {@code --printerfacts N}: migrates, starts N replicas in each node's namespace (crashme on, as the harness
         * runs them) and prints their URLs. The cluster stops them with everything else it launched.
         */
        private static void startReplicas(LocalCluster cluster, int perNode, PrintWriter out) {
            long started = System.nanoTime();
            LocalReplicas replicas = LocalReplicas.on(cluster).perNode(perNode).withCrashme().start();
            out.printf("printerfacts: %d replica(s) ready in %.1f s (keyspace %s, RF %d; GET /crashme enabled)%n",
                    replicas.replicas().size(), (System.nanoTime() - started) / 1e9, FactStore.KEYSPACE,
                    cluster.replicationFactor());
            for (LocalReplicas.Replica replica : replicas.replicas()) {
                out.printf("  %s  %s  (node %s, pid %d, log %s)%n", replica.name(), replica.url(), replica.node(),
                        replica.process().pid(), cluster.node(replica.node()).directory().resolve(replica.name() + ".log"));
            }
            out.printf("  try: curl %s/fact%n", replicas.urls().get(0));
        }

        /** --rf as given, else 2 (or 1 for a single node) on every backend. */
        private int replicationFactor() {
            return replicationFactor != null ? replicationFactor : Math.min(2, Math.max(nodes, 1));
        }

        /** The fixture's own printerfacts Deployment runs there, so --printerfacts and --heap-mb are local-only. */
        private int upOnKubernetes(PrintWriter out) throws InterruptedException {
            ClusterBackend chosen;
            Topology topology;
            try {
                if (printerfacts != 0) {
                    throw new IllegalArgumentException("--printerfacts applies only to --backend local; on Kubernetes the "
                            + "fixture's printerfacts Deployment runs");
                }
                if (spec.commandLine().getParseResult().hasMatchedOption("--heap-mb")) {
                    throw new IllegalArgumentException("--heap-mb applies only to --backend local; on Kubernetes the "
                            + "fixture's StatefulSet sets the heap (MAX_HEAP_SIZE in k8s-fixtures/cassandra.yaml)");
                }
                chosen = ClusterBackends.byName(backend, kubernetes);
                topology = new Topology(nodes, replicationFactor(), cassandraVersion);
                chosen.check(topology);
            } catch (IllegalArgumentException e) {
                return fail(spec, Faultline.EXIT_BAD_INPUT, e.getMessage());
            }
            long started = System.nanoTime();
            Cluster cluster;
            try {
                cluster = chosen.start(topology, StartOptions.DEFAULTS.reportingTo(line -> {
                    out.println(line);
                    out.flush();
                }));
            } catch (IllegalArgumentException e) {
                return fail(spec, Faultline.EXIT_BAD_INPUT, e.getMessage());
            } catch (IllegalStateException e) {
                return fail(spec, EXIT_MISSING_PREREQUISITE, e.getMessage());
            }
            out.printf("cluster %s ready in %.1f s on %s %s: %d node(s), replication factor %d%n", cluster.runId(),
                    (System.nanoTime() - started) / 1e9, cluster.backendName(), cluster.backendVersion(), nodes, topology.replicationFactor());
            for (Node node : cluster.nodes()) {
                out.printf("  %s  pod %s  CQL forwarded to %s%n", node.name(), node.address().getHostAddress(),
                        node.cqlAddress());
            }
            out.printf("stop: Ctrl-C here (the run's namespace is deleted)%n");
            out.flush();
            new CountDownLatch(1).await();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows each running cluster and the state of its nodes.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<RunState> runs = RunState.all();
            if (runs.isEmpty()) {
                out.println("no local clusters");
            }
            for (RunState run : runs) {
                out.printf("cluster %s  owner pid %d %s  %s%n", run.runId(), run.ownerPid(),
                        run.ownerAlive() ? "alive" : "DEAD (run `faultline cluster clean`)", run.runDirectory());
                for (RunState.NodeEntry node : run.nodes()) {
                    boolean alive = node.pid() > 0 && ProcessHandle.of(node.pid()).map(ProcessHandle::isAlive).orElse(false);
                    String state = node.state().equals("UP") && !alive ? "GONE" : node.state();
                    out.printf("  %s  %s:9042  %s%s%n", node.name(), node.address(), state, alive ? "  pid " + node.pid() : "");
                }
            }
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stops a cluster started by `cluster up` (the only one if no run id is given) and removes what it created.")
    static final class Down implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "RUN", description = "run id, as printed by `cluster up` and `cluster status`")
        String runId;

        @Override
        public Integer call() {
            List<RunState> runs = RunState.all().stream().filter(r -> runId == null || r.runId().equals(runId)).toList();
            if (RunState.all().isEmpty()) {
                return fail(spec, Faultline.EXIT_BAD_INPUT, "no local cluster is running");
            }
            if (runs.size() != 1) {
                String known = RunState.all().stream().map(RunState::runId).toList().toString();
                return fail(spec, Faultline.EXIT_BAD_INPUT, runId == null
                        ? "give a run id; running clusters: " + known
                        : "no cluster with run id '" + runId + "'; running clusters: " + known);
            }
            RunState run = runs.get(0);
            Optional<ProcessHandle> owner = ProcessHandle.of(run.ownerPid()).filter(ProcessHandle::isAlive);
            owner.ifPresent(o -> {
                // SIGTERM: the owner's shutdown hook stops its nodes and removes its namespaces.
                o.destroy();
                try {
                    o.onExit().get(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS);
                } catch (Exception e) {
                    o.destroyForcibly();
                }
            });
            Cleaner.Removed removed = Cleaner.clean(run.runId());
            spec.commandLine().getOut().printf("cluster %s is down%s%n", run.runId(),
                    removed.processes() + removed.namespaces().size() + removed.interfaces().size() > 0
                            ? "; also removed " + removed : "");
            return 0;
        }
    }

    @Command(name = "clean", mixinStandardHelpOptions = true,
            description = "Removes what dead runs left behind: processes tagged with their run, namespaces faultline-*,"
                    + " bridges and veths fl*. Clusters whose owner is alive are left alone (use `down`).")
    static final class Clean implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                List<Cleaner.Removed> removed = Cleaner.cleanDeadRuns();
                removed.forEach(r -> out.println("removed " + r));
                if (removed.isEmpty()) {
                    out.println("nothing to clean");
                }
            } catch (MissingPrerequisiteException e) {
                return fail(spec, EXIT_MISSING_PREREQUISITE, e.getMessage());
            }
            RunState.all().stream().filter(RunState::ownerAlive).forEach(r ->
                    out.printf("left cluster %s alone: its owner (pid %d) is alive; stop it with `faultline cluster down %s`%n",
                            r.runId(), r.ownerPid(), r.runId()));
            return 0;
        }
    }

    private static int fail(CommandSpec spec, int exitCode, String message) {
        spec.commandLine().getErr().println("faultline: " + message);
        return exitCode;
    }
}
