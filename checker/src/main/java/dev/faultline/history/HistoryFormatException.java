package dev.faultline.history;

/** Bad input in a history file, with the file and line it was found at. */
public final class HistoryFormatException extends RuntimeException {

    private final String file;
    private final long line;
    private final long column;
    private final String problem;

    public HistoryFormatException(String file, long line, String problem) {
        this(file, line, 0, problem);
    }

    /** Bad input at a line and column (1-based; 0 when not known). */
    public HistoryFormatException(String file, long line, long column, String problem) {
        super(Echo.line(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + problem));
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem is not tied to one line. */
    public long line() {
        return line;
    }

    /** 1-based column, or 0 when not known. */
    public long column() {
        return column;
    }

    /** What is wrong and what is allowed, without the file and line. */
    public String problem() {
        return problem;
    }
}
