package dev.faultline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends the log lines of the Cassandra driver and every other library (SLF4J's simple logger) to
 * {@code driver.log} in the run folder, so the console carries only what Faultline says to the person. It must
 * run before the first logger is made: the simple logger reads its settings once.
 */
final class DriverLog {

    static final String FILE_NAME = "driver.log";
    private static final String LOG_FILE = "org.slf4j.simpleLogger.logFile";

    private DriverLog() {
    }

    /** The file the logs go to: {@code runDir/driver.log}, or wherever the user's own setting sends them. */
    static String into(Path runDir) {
        String configured = System.getProperty(LOG_FILE);
        if (configured != null) {
            return configured;
        }
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder " + runDir + ": " + e.getMessage(), e);
        }
        Path file = runDir.resolve(FILE_NAME).toAbsolutePath();
        System.setProperty(LOG_FILE, file.toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        return file.toString();
    }
}
