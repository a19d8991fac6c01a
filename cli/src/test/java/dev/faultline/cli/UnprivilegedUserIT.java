package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.cluster.local.MissingPrerequisiteException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Issue 28 on this machine: an ordinary user with passwordless sudo, as on a GitHub runner, runs {@code ./faultline run}
 * of a short scenario and the consumer example's own {@code mvn verify} with their own {@code ~/.m2}; a user without
 * sudo hears one line. Both users are created here and removed afterwards, and neither leaves a namespace, an iptables
 * rule, a process or a file in root's home behind.
 */
class UnprivilegedUserIT {

    private static final String USER = "faultline-ci";
    private static final String NO_SUDO = "faultline-nosudo";
    private static final Path SUDOERS = Path.of("/etc/sudoers.d/faultline-ci-it");
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String JAVA_HOME = System.getProperty("java.home");
    private static final String SCENARIO = """
            name: unprivileged
            cluster: {nodes: 2, replication-factor: 2}
            workload: {type: register, keys: 4, concurrency: 2, rate: 40}
            compare: [QUORUM]
            duration: 25s
            seed: 28
            faults:
              - {fault: partition, grouping: isolate-one, node: n2, at: 3s, heal-after: 4s}
              - {fault: pause, node: n1, at: 9s, heal-after: 3s}
              - {fault: kill, node: n2, at: 14s, heal-after: 4s}
            """;

    private static Path marker;
    private static String uid;

    @BeforeAll
    static void createUsers() throws Exception {
        deleteUsers();
        marker = Files.createTempFile("unprivileged-it", ".marker");
        run(List.of("useradd", "--create-home", "--shell", "/bin/bash", USER));
        uid = run(List.of("id", "-u", USER)).strip();
        run(List.of("useradd", "--create-home", "--shell", "/bin/bash", NO_SUDO));
        Files.writeString(SUDOERS, USER + " ALL=(ALL) NOPASSWD: ALL\n");
        run(List.of("chmod", "0440", SUDOERS.toString()));
        // before anything runs as the user: Cassandra is resolved from this repository too
        seedRepository(home(USER).resolve(".m2/repository"), reactorVersion());
        chown(USER, home(USER).resolve(".m2"));
    }

    @AfterAll
    static void removeUsers() throws Exception {
        deleteUsers();
        if (uid != null) {
            assertThat(attempt(List.of("find", "/root", "-xdev", "-newer", marker.toString(), "-uid", uid)).output())
                    .as("files in root's home written by the user").isBlank();
        }
        Files.deleteIfExists(marker);
    }

    /** The users and their sudo rule, after making sure nothing of theirs still runs. */
    private static void deleteUsers() throws Exception {
        Files.deleteIfExists(SUDOERS);
        for (String user : List.of(USER, NO_SUDO)) {
            if (attempt(List.of("id", "-u", user)).exit() == 0) {
                assertThat(processesOf(user)).as("processes of " + user + " left behind").isEmpty();
                run(List.of("userdel", "--remove", user));
            }
        }
        assertThat(attempt(List.of("id", USER)).exit()).isNotZero();
        assertThat(attempt(List.of("id", NO_SUDO)).exit()).isNotZero();
    }

    @Test
    void aUserWithPasswordlessSudoRunsAScenarioAndOwnsItsRunFolder() throws Exception {
        Host before = Host.now();
        Path home = home(USER);
        Path scenario = home.resolve("unprivileged.yaml");
        Files.writeString(scenario, SCENARIO);
        chown(USER, scenario);

        long started = System.nanoTime();
        Result run = as(USER, "cd ~ && " + ROOT.resolve("faultline") + " run unprivileged.yaml --results results");
        System.out.printf("UnprivilegedUserIT: `faultline run` of a 25 s scenario as %s took %.1f s%n", USER,
                (System.nanoTime() - started) / 1e9);

        assertThat(run.exit()).as(run.output()).isZero();
        Path results = home.resolve("results");
        assertThat(results).isDirectory();
        assertThat(filesNotOwnedBy(USER, results)).as("the run folder is the user's, Cassandra's logs included").isEmpty();
        try (Stream<Path> logs = Files.find(results, 6, (f, a) -> f.getFileName().toString().equals("system.log"))) {
            assertThat(logs.toList()).as("Cassandra's own logs, written as the user").isNotEmpty();
        }
        assertThat(home.resolve(".cache/faultline")).as("Cassandra resolved into the user's own cache").isDirectory();
        before.assertNothingNew();
        assertThat(processesOf(USER)).isEmpty();
    }

    @Test
    void aUserWithPasswordlessSudoBuildsTheConsumerExampleWithTheirOwnRepository() throws Exception {
        Host before = Host.now();
        Path home = home(USER);
        String version = reactorVersion();
        Path repository = home.resolve(".m2/repository");
        Path project = home.resolve("consumer");
        copyTree(ROOT.resolve("examples/consumer"), project);
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("@project.version@", version));
        chown(USER, project);

        long started = System.nanoTime();
        Result build = as(USER, "cd ~/consumer && mvn --batch-mode --offline --quiet verify");
        System.out.printf("UnprivilegedUserIT: the consumer example's `mvn verify` as %s took %.1f s%n", USER,
                (System.nanoTime() - started) / 1e9);

        assertThat(build.exit()).as(build.output()).isZero();
        assertThat(project.resolve("target/surefire-reports")).isDirectory();
        assertThat(filesNotOwnedBy(USER, project)).isEmpty();
        assertThat(filesNotOwnedBy(USER, repository)).isEmpty();
        before.assertNothingNew();
        assertThat(processesOf(USER)).isEmpty();
    }

    @Test
    void aUserWithoutSudoHearsOneLineAndNothingStarts() throws Exception {
        Host before = Host.now();
        String line = "faultline: " + MissingPrerequisiteException.withoutRoot(NO_SUDO).getMessage();

        Result launcher = as(NO_SUDO, "cd ~ && " + ROOT.resolve("faultline") + " run " + ROOT.resolve("test-scenarios/kill-node.yaml"));
        assertThat(launcher.exit()).isEqualTo(1);
        assertThat(launcher.output()).isEqualTo(line + "\n");

        // the CLI itself, without the launcher's check: the helper cannot start, and it says the same line
        Result cli = as(NO_SUDO, "cd ~ && " + JAVA_HOME + "/bin/java -cp '" + ROOT.resolve("cli/target/faultline.jar") + ":"
                + ROOT.resolve("cli/target/lib") + "/*' dev.faultline.cli.Faultline cluster up --nodes 1");
        assertThat(cli.exit()).as(cli.output()).isEqualTo(1);
        assertThat(cli.output()).isEqualTo(line + "\n");

        before.assertNothingNew();
        assertThat(processesOf(NO_SUDO)).isEmpty();
    }

    /**
     * What runs leave on the host: namespaces, Faultline's iptables rules, privileged helpers. Other runs may end
     * meanwhile, so only what is new counts.
     */
    record Host(Set<String> namespaces, long rules, Set<String> helpers) {
        /** Within a few seconds: a helper whose harness has just exited is removing what it watched. */
        void assertNothingNew() {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Host now = now();
                assertThat(now.namespaces()).as("namespaces left behind").isSubsetOf(namespaces);
                assertThat(now.rules()).as("iptables rules left behind").isLessThanOrEqualTo(rules);
                assertThat(now.helpers()).as("privileged helpers left behind").isSubsetOf(helpers);
            });
        }

        static Host now() throws Exception {
            Set<String> namespaces = new TreeSet<>(run(List.of("ip", "netns", "list")).lines().map(l -> l.split(" ")[0]).toList());
            long rules = run(List.of("iptables-save")).lines().filter(l -> l.contains("faultline-")).count();
            Set<String> helpers = new TreeSet<>(attempt(List.of("pgrep", "-f", "PrivilegedHelper")).output().lines().toList());
            return new Host(namespaces, rules, helpers);
        }
    }

    /**
     * The user's own repository: a copy of this machine's (read, never written), the Faultline artifacts this build has
     * just packaged in place of whatever it held of them.
     */
    private static void seedRepository(Path repository, String version) throws Exception {
        Files.createDirectories(repository.getParent());
        run(List.of("cp", "-r", Path.of(System.getProperty("user.home"), ".m2/repository").toString(), repository.toString()));
        run(List.of("rm", "-rf", repository.resolve("dev/faultline").toString()));
        install(repository, "faultline-parent", version, ROOT.resolve("pom.xml"), null);
        install(repository, "faultline-bom", version, ROOT.resolve("bom/pom.xml"), null);
        for (String module : List.of("checker", "core", "printerfacts")) {
            install(repository, "faultline-" + module, version, ROOT.resolve(module).resolve("pom.xml"),
                    ROOT.resolve(module).resolve("target/faultline-" + module + "-" + version + ".jar"));
        }
    }

    private static void install(Path repository, String artifact, String version, Path pom, Path jar) throws IOException {
        Path dir = Files.createDirectories(repository.resolve("dev/faultline").resolve(artifact).resolve(version));
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"));
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"));
        }
    }

    /** The version this build packaged, from core's jar. */
    private static String reactorVersion() throws IOException {
        try (Stream<Path> jars = Files.list(ROOT.resolve("core/target"))) {
            String jar = jars.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("faultline-core-.+\\.jar") && !n.matches(".*-(sources|javadoc|tests)\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("core is not packaged: run this IT through the reactor"));
            return jar.substring("faultline-core-".length(), jar.length() - ".jar".length());
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        run(List.of("cp", "-r", from.toString(), to.toString()));
        run(List.of("rm", "-rf", to.resolve("target").toString()));
    }

    private static Path home(String user) throws Exception {
        return Path.of(run(List.of("getent", "passwd", user)).strip().split(":")[5]);
    }

    private static void chown(String user, Path path) throws Exception {
        run(List.of("chown", "-R", user + ":" + user, path.toString()));
    }

    private static List<String> filesNotOwnedBy(String user, Path tree) throws Exception {
        return attempt(List.of("find", tree.toString(), "!", "-user", user)).output().lines().toList();
    }

    private static List<String> processesOf(String user) throws Exception {
        return attempt(List.of("pgrep", "-a", "-u", user)).output().lines().filter(l -> !l.isBlank()).toList();
    }

    /** As the user, in a login shell: their own HOME, PATH and nothing of root's environment but JAVA_HOME. */
    private static Result as(String user, String command) throws Exception {
        return attempt(List.of("runuser", "--login", user, "--command", "export JAVA_HOME=" + JAVA_HOME + "; " + command));
    }

    record Result(int exit, String output) {
    }

    private static String run(List<String> command) throws Exception {
        Result result = attempt(command);
        if (result.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + result.exit() + "): " + result.output());
        }
        return result.output();
    }

    private static Result attempt(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
