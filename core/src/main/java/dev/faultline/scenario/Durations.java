package dev.faultline.scenario;

import dev.faultline.history.Echo;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in scenarios: 500ms, 30s, 2m, 1h, or several such as 1m30s. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(-?\\d+)(ms|s|m|h)");

    private static final int MAX_CHARS = 40;

    private Durations() {
    }

    public static Duration parse(String text) {
        try {
            return parseOrOverflow(text);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + Echo.of(text) + "' is too long a duration; allowed: up to thousands of hours");
        }
    }

    private static Duration parseOrOverflow(String text) {
        String s = text.strip();
        if (s.length() > MAX_CHARS) {
            // no duration is this long, and the pattern would take quadratic time over a long run of digits
            throw new IllegalArgumentException("'" + Echo.of(text) + "' is not a duration; write it like 500ms, 30s, 2m or 1m30s");
        }
        boolean negative = s.startsWith("-");
        String body = negative ? s.substring(1) : s;
        Matcher m = PART.matcher(body);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end == 0 || end != body.length()) {
            throw new IllegalArgumentException("'" + Echo.of(text) + "' is not a duration; write it like 500ms, 30s, 2m or 1m30s");
        }
        return negative ? total.negated() : total;
    }

    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        if (d.toMillisPart() != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** {@code d} times {@code factor}, to the millisecond; null stays null (a time left unset). */
    public static Duration scaled(Duration d, double factor) {
        return d == null ? null : Duration.ofMillis(Math.round(d.toMillis() * factor));
    }

    /** An elapsed time for a progress line, such as {@code 13.2 s}. */
    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
