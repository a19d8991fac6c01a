package dev.faultline.history;

/** Bad input in a history file, with the file and line it was found at. */
public final class HistoryFormatException extends RuntimeException {

    private final String file;
    private final long line;

    public HistoryFormatException(String file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem is not tied to one line. */
    public long line() {
        return line;
    }
}
