package dev.faultline.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

import java.util.function.Consumer;

/**
 * Where Faultline's progress lines go in someone else's build: through SLF4J (logger {@code dev.faultline}, INFO)
 * to the build's own backend, or, when the build has none and SLF4J would drop them, to standard error, so a
 * cluster's start (tens of seconds) and a run are never silent.
 */
public final class ProgressLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.faultline");

    private ProgressLog() {
    }

    /** Hears one progress line. */
    public static void line(String text) {
        if (LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory) {
            System.err.println("faultline: " + text);
        } else {
            LOG.info(text);
        }
    }

    public static Consumer<String> listener() {
        return ProgressLog::line;
    }
}
