package dev.faultline.cluster.local;

import dev.faultline.cluster.Topology;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Resolves real Cassandra artifacts from the user's Maven repositories (Maven Central here). */
class CassandraDistributionTest {

    @TempDir
    Path cache;

    @Test
    void theLocalBackendRefusesAReleaseOlderThan4BeforeResolvingOrStartingAnything() {
        assertThatThrownBy(() -> LocalCluster.topology(new Topology(2, 2, "3.11.17")).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cassandra 3.11.17 does not run on the local backend; allowed: a 4.x release (on JDK 11)"
                        + " or a 5.x release (on JDK 17)");
        CassandraJdk.requireSupported("5.0.6");
        CassandraJdk.requireSupported("4.1.10");
        assertThatThrownBy(() -> CassandraJdk.requireSupported("99.0")).hasMessageContaining("Cassandra 99.0 does not run");
        assertThatThrownBy(() -> CassandraJdk.requireSupported("0.0")).hasMessageContaining("Cassandra 0.0 does not run");
    }

    /** The links point into the local repository: remove them here, before JUnit warns about each one. */
    @AfterEach
    void removeLinks() throws IOException {
        try (Stream<Path> all = Files.walk(cache)) {
            for (Path p : all.filter(Files::isSymbolicLink).toList()) {
                Files.delete(p);
            }
        }
    }

    private static final ContextOverrides USER_MAVEN = ContextOverrides.create().withUserSettings(true).build();

    @Test
    void aVersionIsResolvedOnceIntoAFolderOfItsJarsAndThenReusedOffline(@TempDir Path emptyRepository) throws Exception {
        List<String> progress = new ArrayList<>();
        Path lib = CassandraDistribution.lib(Topology.DEFAULT_CASSANDRA_VERSION, cache, USER_MAVEN, progress::add);

        assertThat(lib).isEqualTo(cache.resolve("cassandra-5.0.6/lib"));
        Path server = lib.resolve("cassandra-all-5.0.6.jar");
        assertThat(server).isSymbolicLink();
        assertThat(Files.readSymbolicLink(server)).isRegularFile();
        try (var jars = Files.list(lib)) {
            assertThat(jars.filter(j -> j.toString().endsWith(".jar")).count()).isGreaterThan(50);
        }
        assertThat(progress).singleElement().asString().contains("resolving Cassandra 5.0.6");

        // cached: no repository is asked, not even an empty, offline one
        ContextOverrides offlineAndEmpty = ContextOverrides.create().offline(true)
                .withLocalRepositoryOverride(emptyRepository).build();
        progress.clear();
        assertThat(CassandraDistribution.lib("5.0.6", cache, offlineAndEmpty, progress::add)).isEqualTo(lib);
        assertThat(progress).isEmpty();
    }

    @Test
    void aVersionNeitherCachedNorDownloadableIsOneLineNamingIt(@TempDir Path emptyRepository) {
        ContextOverrides offlineAndEmpty = ContextOverrides.create().offline(true)
                .withLocalRepositoryOverride(emptyRepository).build();
        assertThatThrownBy(() -> CassandraDistribution.lib("4.1.10", cache, offlineAndEmpty, line -> { }))
                .isInstanceOf(MissingPrerequisiteException.class)
                .hasMessageContaining("Cassandra 4.1.10 could not be resolved")
                .hasMessageContaining("settings.xml")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(cache.resolve("cassandra-4.1.10/lib")).doesNotExist();
    }

    @Test
    void aVersionThatIsNoVersionNumberIsRefusedBeforeAnyLookUp() {
        assertThatThrownBy(() -> CassandraDistribution.lib("5.0.6/../../etc", cache, USER_MAVEN, line -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cassandra version '5.0.6/../../etc' is not a version number; allowed: a released version such as 5.0.6 or 4.1.10");
    }
}
