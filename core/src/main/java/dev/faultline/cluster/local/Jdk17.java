package dev.faultline.cluster.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a Java 17 runtime for the Cassandra JVMs. Cassandra 5.0 fails on newer JDKs, so the harness's own
 * {@code java} is used only if it happens to be 17.
 */
final class Jdk17 {

    static final String PROPERTY = "faultline.cassandra.java";

    private Jdk17() {
    }

    /** The {@code bin/java} of a JDK 17; a missing one is a {@link MissingPrerequisiteException}. */
    static Path find() {
        return locate().orElseThrow(() -> new MissingPrerequisiteException(Prerequisites.JDK + " missing (looked at -D"
                + PROPERTY + ", JAVA_HOME, java.home and /usr/lib/jvm)"));
    }

    /** The {@code bin/java} of a JDK 17: {@value #PROPERTY}, then JAVA_HOME, this JVM, then /usr/lib/jvm. */
    static Optional<Path> locate() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty(PROPERTY)).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("JAVA_HOME")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        candidates.add(Path.of(System.getProperty("java.home")));
        candidates.addAll(installed(Path.of("/usr/lib/jvm")));
        return candidates.stream()
                .filter(Jdk17::isJava17)
                .map(home -> home.resolve("bin/java"))
                .findFirst();
    }

    private static List<Path> installed(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(dir)) {
            return homes.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A JDK home is 17 when its {@code release} file says so and it has an executable java. */
    static boolean isJava17(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return false;
        }
        try {
            return Files.readAllLines(release).stream()
                    .anyMatch(line -> line.startsWith("JAVA_VERSION=\"17"));
        } catch (IOException e) {
            return false;
        }
    }
}
