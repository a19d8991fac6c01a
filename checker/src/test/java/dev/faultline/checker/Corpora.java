package dev.faultline.checker;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The external histories with known verdicts, in {@code ../shared/corpora} beside the clone.
 * Surefire passes the directory as {@code faultline.corpora} (override: {@code -Dfaultline.corpora=DIR}).
 * Their absence fails the tests: a verdict test that skips silently proves nothing.
 */
final class Corpora {

    private Corpora() {}

    static Path root() {
        String configured = System.getProperty("faultline.corpora", "../shared/corpora");
        Path root = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("knossos")) || !Files.isDirectory(root.resolve("porcupine"))) {
            fail("corpora not found at " + root + ": put the shared corpora beside the clone "
                    + "or run with -Dfaultline.corpora=/path/to/corpora");
        }
        return root;
    }

    static List<Path> files(String directory, String extension) {
        try (Stream<Path> files = Files.list(root().resolve(directory))) {
            List<Path> found = files.filter(f -> f.toString().endsWith(extension)).sorted().toList();
            if (found.isEmpty()) {
                fail("no *" + extension + " histories in " + root().resolve(directory));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code file verdict} lines of a VERDICTS.txt, verdict true for linearizable. */
    static Map<Path, Boolean> verdicts(String directory) {
        Path dir = root().resolve(directory);
        Map<Path, Boolean> verdicts = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("VERDICTS.txt"))) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 2) {
                    verdicts.put(dir.resolve(parts[0]), parts[1].equals("linearizable"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (verdicts.isEmpty()) {
            fail("no verdicts in " + dir.resolve("VERDICTS.txt"));
        }
        return verdicts;
    }
}
