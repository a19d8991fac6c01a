package dev.faultline.history;

import java.io.IOException;
import java.io.Reader;

/**
 * Watches the characters on their way to the EDN parser and stops, at the exact line and column,
 * what it would handle badly: nesting deeper than {@value #MAX_DEPTH} (its parser recurses, and
 * 5,000 brackets overflow the stack) and digit runs longer than {@value #MAX_DIGITS} (it parses
 * a 1 MB integer in quadratic time). Strings, comments and character literals are skipped over.
 */
final class BoundedEdnReader extends Reader {

    static final int MAX_DEPTH = 100;
    static final int MAX_DIGITS = 100;

    private final Reader in;
    private final String file;
    private int depth;
    private int digits;
    private boolean inString;
    private boolean escaped;
    private boolean inComment;
    private boolean characterLiteral;
    private long line = 1;
    private long column;

    BoundedEdnReader(Reader in, String file) {
        this.in = in;
        this.file = file;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        for (int i = offset; i < offset + Math.max(n, 0); i++) {
            see(buffer[i]);
        }
        return n;
    }

    private void see(char c) {
        if (c == '\n') {
            line++;
            column = 0;
        } else {
            column++;
        }
        if (inString) {
            inString = escaped || c != '"';
            escaped = !escaped && c == '\\';
            return;
        }
        if (inComment) {
            inComment = c != '\n';
            return;
        }
        if (characterLiteral) {
            characterLiteral = false;
            return;
        }
        if (Character.isDigit(c)) {
            if (++digits > MAX_DIGITS) {
                throw new HistoryFormatException(file, line, column,
                        "a number of more than " + MAX_DIGITS + " digits; allowed: numbers of up to " + MAX_DIGITS + " digits");
            }
            return;
        }
        digits = 0;
        switch (c) {
            case '"' -> inString = true;
            case ';' -> inComment = true;
            case '\\' -> characterLiteral = true;
            case '[', '(', '{' -> {
                if (++depth > MAX_DEPTH) {
                    throw new HistoryFormatException(file, line, column,
                            "nested more than " + MAX_DEPTH + " deep; allowed: up to " + MAX_DEPTH + " levels of [ ( {");
                }
            }
            case ']', ')', '}' -> depth = Math.max(0, depth - 1);
            default -> {
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
