package dev.faultline.cluster.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * An AppCDS archive of Cassandra's classes, so every node JVM maps them ready-parsed instead of loading
 * thousands of classes from jars: a start-up cost paid by every node of every run on a 2-core machine.
 * The first run records the archive from one node as it exits cleanly; later runs share it. A stale or
 * unusable archive is ignored by the JVM (-Xshare:auto), never fatal.
 */
final class ClassDataSharing {

    /** The first Java release with dynamic archives (-XX:ArchiveClassesAtExit). */
    static final int MIN_JAVA = 13;

    private final Path archive;

    private ClassDataSharing(Path archive) {
        this.archive = archive;
    }

    /** The archive lives beside the Cassandra version's jars and is specific to the JDK that made it. */
    static ClassDataSharing of(Path java, Path cassandraLib) {
        String jdk = java.toAbsolutePath().getParent().getParent().getFileName().toString();
        return new ClassDataSharing(cassandraLib.getParent().resolve("cds").resolve("cassandra-" + jdk + ".jsa"));
    }

    boolean ready() {
        return Files.isRegularFile(archive);
    }

    List<String> useFlags() {
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** Where a recording JVM of run {@code runId} writes, kept apart so no reader sees a half-written archive. */
    List<String> recordFlags(String runId) {
        return List.of("-XX:ArchiveClassesAtExit=" + pending(runId), "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** Publishes what the recording JVM wrote when it exited (nothing if it was killed). */
    void publish(String runId) {
        Path pending = pending(runId);
        try {
            if (Files.isRegularFile(pending) && Files.size(pending) > 0) {
                Files.move(pending, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(pending);
        } catch (IOException e) {
            // a missing archive only costs start-up time; the next run records again
        }
    }

    private Path pending(String runId) {
        try {
            Files.createDirectories(archive.getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + archive.getParent(), e);
        }
        return archive.resolveSibling(archive.getFileName() + "." + runId + ".tmp");
    }
}
