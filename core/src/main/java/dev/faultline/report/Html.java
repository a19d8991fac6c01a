package dev.faultline.report;

import java.util.Locale;

/** Text into HTML and SVG: everything from a history is data, never markup. */
final class Html {

    private Html() {
    }

    static String esc(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Coordinates with one decimal: enough for a screen, small for a page of thousands of shapes. */
    static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A share in percent; "–" when there was nothing to measure (NaN). */
    static String percent(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f%%", value);
    }
}
