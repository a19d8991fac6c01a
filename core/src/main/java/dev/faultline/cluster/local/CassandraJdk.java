package dev.faultline.cluster.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the Java runtime a Cassandra release's nodes run on: JDK 17 for 5.x (5.0 fails on newer JDKs), JDK 11
 * for 4.x (its memory meter, jamm 0.3, fails at start-up on JDK 17's hidden classes: "can't get field offset on a
 * hidden class", seen with 4.1.10). The harness's own {@code java} is used only if it happens to be that one.
 */
final class CassandraJdk {

    static final String PROPERTY = "faultline.cassandra.java";
    /** Where JDKs live on Debian, and where install-prerequisites.sh puts Debian 11's JDK 11. */
    static final Path INSTALLED = Path.of("/usr/lib/jvm");

    private CassandraJdk() {
    }

    /** The local backend runs Cassandra 4.x on JDK 11 and 5.x on JDK 17; nothing older, and no release not yet made. */
    static void requireSupported(String cassandraVersion) {
        int major = major(cassandraVersion);
        if (major < 4 || major > 5) {
            throw new IllegalArgumentException("Cassandra " + cassandraVersion + " does not run on the local backend;"
                    + " allowed: a 4.x release (on JDK 11) or a 5.x release (on JDK 17)");
        }
    }

    /** The Java feature release {@code cassandraVersion}'s nodes run on. */
    static int releaseFor(String cassandraVersion) {
        return major(cassandraVersion) >= 5 ? 17 : 11;
    }

    private static int major(String cassandraVersion) {
        return Integer.parseInt(cassandraVersion.substring(0, cassandraVersion.indexOf('.')));
    }

    /** The {@code bin/java} for {@code cassandraVersion}; a missing one is a {@link MissingPrerequisiteException}. */
    static Path find(String cassandraVersion) {
        int release = releaseFor(cassandraVersion);
        return locate(release, INSTALLED).orElseThrow(() -> new MissingPrerequisiteException(missing(cassandraVersion)
                + " missing (looked at -D" + PROPERTY + ", JAVA_HOME, java.home and " + INSTALLED + ")"));
    }

    /** What to install, in a few words, for {@link Prerequisites}. */
    static String missing(String cassandraVersion) {
        return releaseFor(cassandraVersion) == 17
                ? "a JDK 17 for Cassandra " + cassandraVersion + " (Debian package openjdk-17-jdk-headless)"
                : "a JDK 11 for Cassandra " + cassandraVersion + " (4.x fails on 17; bash scripts/install-prerequisites.sh"
                        + " unpacks Debian 11's openjdk-11-jre-headless into " + INSTALLED + ")";
    }

    /** The {@code bin/java} of a JDK {@code release}: {@value #PROPERTY}, then JAVA_HOME, this JVM, then {@code installed}. */
    static Optional<Path> locate(int release, Path installed) {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty(PROPERTY)).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("JAVA_HOME")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        candidates.add(Path.of(System.getProperty("java.home")));
        candidates.addAll(homesIn(installed));
        return candidates.stream()
                .filter(home -> isRelease(home, release))
                .map(home -> home.resolve("bin/java"))
                .findFirst();
    }

    private static List<Path> homesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(dir)) {
            return homes.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A JDK home is of {@code release} when its {@code release} file says so and it has an executable java. */
    static boolean isRelease(Path home, int release) {
        Path file = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(file)) {
            return false;
        }
        try {
            return Files.readAllLines(file).stream()
                    .anyMatch(line -> line.equals("JAVA_VERSION=\"" + release + "\"") || line.startsWith("JAVA_VERSION=\"" + release + "."));
        } catch (IOException e) {
            return false;
        }
    }
}
