package dev.faultline.cluster.local;

import dev.faultline.printerfacts.PrinterfactsCommand;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the local backend launches printerfacts from; the consumer example resolves it for real. */
class PrinterfactsProgramTest {

    @Test
    void theAppResolvedIsThePrinterfactsOfThisVeryRelease() {
        assertThat(PrinterfactsProgram.coordinates())
                .matches("dev\\.faultline:faultline-printerfacts:\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void aClassPathNamedByThePropertyIsUsedAsItIsWithoutAskingMaven() {
        String before = System.getProperty(LocalReplicas.CLASSPATH_PROPERTY);
        System.setProperty(LocalReplicas.CLASSPATH_PROPERTY, "/opt/printerfacts/app.jar:/opt/printerfacts/lib/*");
        try {
            List<String> progress = new ArrayList<>();
            assertThat(PrinterfactsProgram.classpath(progress::add)).isEqualTo("/opt/printerfacts/app.jar:/opt/printerfacts/lib/*");
            assertThat(progress).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty(LocalReplicas.CLASSPATH_PROPERTY);
            } else {
                System.setProperty(LocalReplicas.CLASSPATH_PROPERTY, before);
            }
        }
    }

    @Test
    void anAppNeitherInTheLocalRepositoryNorDownloadableIsOneLineNamingItAndTheWayAround(@TempDir Path emptyRepository) {
        ContextOverrides offlineAndEmpty = ContextOverrides.create().offline(true)
                .withLocalRepositoryOverride(emptyRepository).build();
        assertThatThrownBy(() -> PrinterfactsProgram.resolve("dev.faultline:faultline-printerfacts:0.0.1", offlineAndEmpty))
                .isInstanceOf(MissingPrerequisiteException.class)
                .hasMessageContaining("printerfacts (dev.faultline:faultline-printerfacts:0.0.1) could not be resolved")
                .hasMessageContaining("-D" + LocalReplicas.CLASSPATH_PROPERTY)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aReplicaRunsTheAppsOwnMainOnTheHarnesssJava() {
        assertThat(PrinterfactsProgram.command("/usr/bin/java", List.of("-Xmx256m"), "app.jar", List.of("serve", "--port", "8080")))
                .containsExactly("/usr/bin/java", "-Xmx256m", "-cp", "app.jar", "dev.faultline.printerfacts.PrinterfactsCommand",
                        "serve", "--port", "8080");
        assertThat(PrinterfactsCommand.class.getName()).isEqualTo(PrinterfactsProgram.MAIN_CLASS);
    }
}
