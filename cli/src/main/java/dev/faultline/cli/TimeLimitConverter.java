package dev.faultline.cli;

import dev.faultline.scenario.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --time-limit}: a duration from 1ms to 24h; 0 or a negative limit is refused, not read as "none". */
final class TimeLimitConverter implements ITypeConverter<Duration> {

    static final Duration MAX = Duration.ofHours(24);

    @Override
    public Duration convert(String text) {
        Duration limit = new DurationConverter().convert(text);
        if (limit.isZero() || limit.isNegative() || limit.compareTo(MAX) > 0) {
            throw new TypeConversionException("'" + Durations.format(limit) + "' is out of range; allowed: 1ms to 24h");
        }
        return limit;
    }
}
