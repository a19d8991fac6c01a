package dev.faultline.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Without CAP_NET_ADMIN and without sudo that could grant it (the bounding set is empty, so sudo's helper is root
 * without capabilities too), `faultline cluster up` says so in one line, exits 1 and creates nothing.
 */
class MissingPrivilegesIT {

    @Test
    void clusterUpWithoutCapabilitiesExplainsWhatIsMissingAndStartsNothing() throws Exception {
        // root without any capability: the same as an ordinary user to the kernel's network code
        Process up = new ProcessBuilder("setpriv", "--bounding-set=-all", "--inh-caps=-all", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-D" + LocalCluster.RESULTS_PROPERTY + "=" + Path.of("cli", "target", "it-results").toAbsolutePath(),
                "dev.faultline.cli.Faultline", "cluster", "up", "--nodes", "1").start();
        up.getOutputStream().close();
        String stdout = new String(up.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(up.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(up.exitValue()).as(stdout + stderr).isEqualTo(1);
        assertThat(stderr.lines().toList()).containsExactly("faultline: " + MissingPrerequisiteException.withoutRoot("root").getMessage());
        // other runs may come and go meanwhile; this one must have left no trace
        assertThat(stdout).isEmpty();
        assertThat(RunState.all()).noneMatch(run -> run.ownerPid() == up.pid());
    }
}
