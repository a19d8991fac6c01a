package dev.faultline.run;

import dev.faultline.cluster.Cluster;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Where a team's own tests start: a cluster to run on and a folder for the results. Under JUnit, a test method
 * takes one as a parameter from {@code @CassandraCluster}, its folder {@code target/faultline/<class>/<method>/};
 * elsewhere {@code Faultline.on(cluster)} writes under {@code target/faultline/<test name>/}.
 * <pre>{@code
 * TestRun run = faultline.test("transfers")
 *         .schema(Path.of("src/test/resources/bank.cql"))
 *         .client((session, level) -> new TransfersClient(new AccountDao(session, level)))
 *         .ops(Ops.mix(Ops.custom("transfer", Transfers::random), Ops.read()))
 *         .clients(8).rate(200).duration(Duration.ofSeconds(30))
 *         .fault(Faults.isolate("n3").at(Duration.ofSeconds(5)).healAfter(Duration.ofSeconds(15)))
 *         .check(Checks.linearizable(new BankModel(100)))
 *         .run(Consistency.QUORUM);
 * }</pre>
 */
public final class Faultline {

    /** Under the build's output, never the source tree: {@code mvn clean} removes it. */
    public static final Path DEFAULT_ROOT = Path.of("target", "faultline");

    private final Cluster cluster;
    private final Path folder;
    private final Consumer<String> progress;
    private final Path nodeLogs;
    private final AtomicInteger runs = new AtomicInteger();

    private Faultline(Cluster cluster, Path folder, Consumer<String> progress, Path nodeLogs) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.folder = folder;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.nodeLogs = nodeLogs;
    }

    /** Tests on {@code cluster}, each writing under {@code target/faultline/<test name>/}, progress to {@link ProgressLog}. */
    public static Faultline on(Cluster cluster) {
        return new Faultline(cluster, null, ProgressLog.listener(), null);
    }

    /** The same, its first test writing into {@code folder} itself and any later one into {@code folder/<test name>/}. */
    public Faultline into(Path folder) {
        return new Faultline(cluster, Objects.requireNonNull(folder, "folder"), progress, nodeLogs);
    }

    /** The same, each progress line (the level's set-up, a tick every 5 s, healing, checking) told to {@code listener}. */
    public Faultline progress(Consumer<String> listener) {
        return new Faultline(cluster, folder, listener, nodeLogs);
    }

    /** The same, each run's folder linking {@code nodes} to {@code folder}, where the cluster keeps its nodes' logs. */
    public Faultline nodeLogs(Path folder) {
        return new Faultline(cluster, this.folder, progress, Objects.requireNonNull(folder, "nodeLogs"));
    }

    public Cluster cluster() {
        return cluster;
    }

    /** A test of the team's own clients, named as its report and folder are: lower-case letters, digits and dashes. */
    public TestPlan test(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("test name '" + name + "' must be lower-case letters, digits and dashes");
        }
        return new TestPlan(this, name);
    }

    /** Where the cluster keeps its nodes' logs, or null when not known. */
    Path nodeLogsFolder() {
        return nodeLogs;
    }

    Consumer<String> progressListener() {
        return progress;
    }

    /** Where the run of {@code name} writes. */
    Path folderFor(String name) {
        if (folder == null) {
            return DEFAULT_ROOT.resolve(name);
        }
        return runs.getAndIncrement() == 0 ? folder : folder.resolve(name);
    }
}
