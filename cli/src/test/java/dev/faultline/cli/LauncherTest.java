package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.faultline.cluster.local.MissingPrerequisiteException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ./faultline} itself, under bash, as a user who is not root runs it: {@code id}, {@code sudo}
 * and {@code java} are stand-ins on the PATH that say how they were called, so the test sees whether the CLI would
 * have run elevated, with which environment, and what a user without passwordless sudo hears.
 */
class LauncherTest {

    @TempDir
    Path dir;

    private String launch(String... args) throws Exception {
        return launch(true, args);
    }

    private String launch(boolean passwordlessSudo, String... args) throws Exception {
        Path home = Files.createDirectories(dir.resolve("checkout"));
        Files.copy(Path.of("faultline"), home.resolve("faultline"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(home.resolve("cli/target"));
        Files.writeString(home.resolve("cli/target/faultline.jar"), "");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin.resolve("id"), "if [[ $1 == -un ]]; then echo me; else echo 1000; fi");
        // sudo as it answers `sudo -n true`: allowed without a password, or asking for one
        script(bin.resolve("sudo"), passwordlessSudo ? "echo \"sudo $*\" >&2; exit 0"
                : "echo 'sudo: a password is required' >&2; exit 1");
        Path java = Files.createDirectories(dir.resolve("jdk/bin"));
        script(java.resolve("java"), "echo \"java KUBECONFIG=${KUBECONFIG:-} HOME=${HOME:-} args: ${*: -3}\"");
        List<String> command = new java.util.ArrayList<>(List.of("bash", home.resolve("faultline").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        builder.environment().put("KUBECONFIG", "/home/me/.kube/kind");
        builder.environment().put("HOME", "/home/me");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes()) + "exit " + process.exitValue();
    }

    private static void script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Issue 25, defect 3: the Kubernetes backends run as the user, with the user's kubeconfig and home. */
    @Test
    void theKubernetesBackendsRunAsTheUserWithTheirEnvironment() throws Exception {
        for (String[] args : List.of(new String[] {"run", "lesson.yaml", "--backend", "kube", "--context", "kind-faultline"},
                new String[] {"cluster", "up", "--backend=k3s"}, new String[] {"run", "s.yaml", "--backend", "k3s"})) {
            String out = launch(args);
            assertThat(out).as(String.join(" ", args)).doesNotContain("sudo")
                    .contains("java KUBECONFIG=/home/me/.kube/kind HOME=/home/me");
        }
    }

    /** Issue 28: the CLI is never elevated; only its privileged helper is, so the user's environment stays. */
    @Test
    void theLocalBackendRunsAsTheUserWithTheirEnvironment() throws Exception {
        for (String[] args : List.of(new String[] {"run", "s.yaml"}, new String[] {"cluster", "up", "--backend", "local"},
                new String[] {"check", "history.jsonl"})) {
            assertThat(launch(args)).as(String.join(" ", args)).doesNotContain("sudo --")
                    .contains("java KUBECONFIG=/home/me/.kube/kind HOME=/home/me").endsWith("exit 0");
        }
    }

    /** Issue 28: without root and passwordless sudo, the CLI's own line, before anything is built, and exit 1. */
    @Test
    void aUserWithoutPasswordlessSudoHearsOneLineSayingWhatToRun() throws Exception {
        String refusal = "faultline: " + MissingPrerequisiteException.withoutRoot("me").getMessage() + "\nexit 1";
        assertThat(launch(false, "run", "s.yaml")).isEqualTo(refusal);
        assertThat(launch(false, "cluster", "up")).isEqualTo(refusal);
        assertThat(launch(false, "check", "history.jsonl")).doesNotContain("root").endsWith("exit 0");
        assertThat(launch(false, "cluster", "status")).doesNotContain("root").endsWith("exit 0");
        assertThat(launch(false, "run", "s.yaml", "--backend", "kube")).doesNotContain("root").endsWith("exit 0");
    }
}
