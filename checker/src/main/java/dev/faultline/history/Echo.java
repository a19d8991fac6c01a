package dev.faultline.history;

/**
 * Makes text from a user's file safe to repeat in a one-line message: control characters escaped
 * (a raw newline would split the line), long values cut (a 50 MB value would be a 50 MB line).
 */
public final class Echo {

    /** Longest echo of one value from the input. */
    static final int VALUE_CHARS = 60;
    /** Longest message line, as a last net for anything that slipped past {@link #of}. */
    static final int LINE_CHARS = 400;

    private Echo() {
    }

    /** {@code text} escaped and cut to {@value #VALUE_CHARS} characters, saying how long it was. */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        String cut = text.length() <= VALUE_CHARS ? text : text.substring(0, VALUE_CHARS);
        String escaped = escape(cut);
        return text.length() <= VALUE_CHARS ? escaped : escaped + "… (" + text.length() + " characters)";
    }

    /** A whole message made one line of at most {@value #LINE_CHARS} characters, keeping its head and tail. */
    public static String line(String message) {
        String escaped = escape(message == null ? "" : message);
        if (escaped.length() <= LINE_CHARS) {
            return escaped;
        }
        int keep = LINE_CHARS / 2 - 10;
        return escaped.substring(0, keep) + " … " + escaped.substring(escaped.length() - keep);
    }

    private static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (c == '\t') {
                    out.append("\\t");
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
