package dev.faultline.cluster.local;

import dev.faultline.cluster.Topology;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import org.eclipse.aether.resolution.DependencyResolutionException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cassandra's server jars for one version, as a container image is pulled: resolved with Maven's
 * resolver from the repositories the user's settings.xml names (mirrors, proxies and offline mode
 * honoured) into the local repository, then linked into a folder of their own,
 * {@code <cache>/cassandra-<version>/lib}, that every node's {@code -cp lib/*} reads. A resolved
 * version is reused without asking any repository, so a cached version starts offline.
 */
public final class CassandraDistribution {

    private static final String COMPLETE = ".complete";
    private static final Pattern SERVER_JAR = Pattern.compile("cassandra-all-(.+)\\.jar");

    private CassandraDistribution() {
    }

    /** Where resolved versions are linked: {@code $XDG_CACHE_HOME/faultline}, or {@code ~/.cache/faultline}. */
    static Path cacheDirectory() {
        String configured = System.getProperty("faultline.cache");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("faultline");
    }

    /**
     * The folder of {@code version}'s jars, resolved on first use.
     *
     * @param progress one line before a download starts, for the person waiting
     * @throws IllegalArgumentException for a version that is not a version number (see {@link Topology})
     * @throws MissingPrerequisiteException when the version can be neither found locally nor downloaded
     */
    public static Path lib(String version, Consumer<String> progress) {
        return lib(version, cacheDirectory(), ContextOverrides.create().withUserSettings(true).build(), progress);
    }

    static Path lib(String version, Path cache, ContextOverrides maven, Consumer<String> progress) {
        Topology.checkVersion(version);
        Path lib = cache.resolve("cassandra-" + version).resolve("lib");
        if (Files.isRegularFile(lib.resolve(COMPLETE))) {
            return lib;
        }
        progress.accept("resolving Cassandra " + version + " (org.apache.cassandra:cassandra-all) with Maven, once");
        List<Path> jars = resolve(version, maven);
        link(jars, lib);
        return lib;
    }

    /** The version of the {@code cassandra-all} jar in {@code lib}, or "unknown" when there is none. */
    static String versionIn(Path lib) {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.map(j -> SERVER_JAR.matcher(j.getFileName().toString())).filter(java.util.regex.Matcher::matches)
                    .map(m -> m.group(1)).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static List<Path> resolve(String version, ContextOverrides maven) {
        try {
            return MavenArtifacts.runtimeJars("org.apache.cassandra:cassandra-all:" + version, maven);
        } catch (DependencyResolutionException e) {
            throw new MissingPrerequisiteException("Cassandra " + version + " could not be resolved ("
                    + MavenArtifacts.rootCause(e) + "); it is neither in the local Maven repository nor downloadable from the"
                    + " repositories of your settings.xml: check the version and your network or mirror");
        }
    }

    /** Links the jars into a fresh folder and renames it into place, so no reader sees a half-made one. */
    private static void link(List<Path> jars, Path lib) {
        try {
            Files.createDirectories(lib.getParent());
            Path building = Files.createTempDirectory(lib.getParent(), "lib-");
            for (Path jar : jars) {
                Files.createSymbolicLink(building.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
            Files.createFile(building.resolve(COMPLETE));
            if (Files.isDirectory(lib)) {
                deleteTree(lib);
            }
            try {
                Files.move(building, lib, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(building, lib);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link Cassandra's jars into " + lib, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
