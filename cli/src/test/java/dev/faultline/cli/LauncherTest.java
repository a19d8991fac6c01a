package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ./faultline} itself, under bash, as a user who is not root runs it: {@code id}, {@code sudo}
 * and {@code java} are stand-ins on the PATH that say how they were called, so the test sees whether the CLI would
 * have run elevated and with which environment.
 */
class LauncherTest {

    @TempDir
    Path dir;

    private String launch(String... args) throws Exception {
        Path home = Files.createDirectories(dir.resolve("checkout"));
        Files.copy(Path.of("faultline"), home.resolve("faultline"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(home.resolve("cli/target"));
        Files.writeString(home.resolve("cli/target/faultline.jar"), "");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin.resolve("id"), "echo 1000");
        // sudo as configured by default: a reset environment, only what --preserve-env names kept
        script(bin.resolve("sudo"), "echo \"sudo $*\"; shift; exec env -i PATH=\"$PATH\" JAVA_HOME=\"$JAVA_HOME\" \"$@\"");
        Path java = Files.createDirectories(dir.resolve("jdk/bin"));
        script(java.resolve("java"), "echo \"java KUBECONFIG=${KUBECONFIG:-} HOME=${HOME:-} args: ${*: -3}\"");
        List<String> command = new java.util.ArrayList<>(List.of("bash", home.resolve("faultline").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        builder.environment().put("KUBECONFIG", "/home/me/.kube/kind");
        builder.environment().put("HOME", "/home/me");
        Process process = builder.start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes());
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

    @Test
    void theLocalBackendStillElevatesItsClusterCommandsAndOnlyThose() throws Exception {
        assertThat(launch("run", "s.yaml")).startsWith("sudo --preserve-env=JAVA_HOME,FAULTLINE_JAVA_OPTS ");
        assertThat(launch("cluster", "up", "--backend", "local")).startsWith("sudo ");
        assertThat(launch("check", "history.jsonl", "--backend", "x")).doesNotContain("sudo");
    }
}
