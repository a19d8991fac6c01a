package dev.faultline.scenario;

import dev.faultline.history.Echo;
import java.nio.file.Path;

/** A scenario that cannot run, with where it went wrong: {@code file:line:column: message}. */
public final class ScenarioException extends RuntimeException {

    private final Path file;
    private final int line;

    public ScenarioException(Path file, int line, int column, String message) {
        super(Echo.line(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message));
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line, or 0 when the whole file is at fault. */
    public int line() {
        return line;
    }
}
