package dev.faultline.checker;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Histories with known verdicts: Porcupine's, kept in the repository ({@link #inRepository()}), and the larger
 * external corpora ({@link #external()}), which run only when asked for with {@code -Dfaultline.corpora=DIR}
 * (the build passes {@code FAULTLINE_CORPORA}). Asked for and absent, they fail: a verdict test that was wanted
 * and skipped silently proves nothing.
 */
final class Corpora {

    private Corpora() {}

    /** From the checkout's root, the tests' working directory. */
    static Path inRepository() {
        Path root = Path.of("checker/src/test/resources/corpora").toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("porcupine"))) {
            fail("the repository's corpora are not at " + root + ": run the tests from the checkout's root");
        }
        return root;
    }

    /** The external corpora when asked for; otherwise the calling test is skipped, saying how to ask. */
    static Path external() {
        String configured = System.getProperty("faultline.corpora", "");
        assumeTrue(!configured.isBlank(), "the external corpora were not asked for: FAULTLINE_CORPORA=DIR runs them");
        Path root = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("knossos"))) {
            fail("FAULTLINE_CORPORA names " + root + ", which holds no knossos/ folder");
        }
        return root;
    }

    static List<Path> files(Path directory, String extension) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(extension)).sorted().toList();
            if (found.isEmpty()) {
                fail("no *" + extension + " histories in " + directory);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code file verdict} lines of a VERDICTS.txt, verdict true for linearizable. */
    static Map<Path, Boolean> verdicts(Path dir) {
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
