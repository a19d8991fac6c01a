package dev.faultline.lesson;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.faultline.history.OpType;
import dev.faultline.workload.Outcome;

import java.util.List;
import java.util.Objects;

/**
 * What a lesson says one op must come to: the value a read returns, or one of {@link #WORDS}.
 * {@code unavailable} is the coordinator refusing before it sent anything (too few replicas alive);
 * {@code timeout} is any read, write or client timeout, whether the op then failed or stayed unknown.
 */
public record ExpectedOutcome(String word, Long value) {

    public static final List<String> WORDS = List.of("ok", "fail", "info", "unavailable", "timeout");

    public ExpectedOutcome {
        if ((word == null) == (value == null)) {
            throw new IllegalArgumentException("an expected outcome is a word or a value, not both or neither");
        }
        if (word != null && !WORDS.contains(word)) {
            throw new IllegalArgumentException("'" + word + "' is not an outcome; allowed: a number (the value a read "
                    + "returns), " + String.join(", ", WORDS));
        }
    }

    /** From YAML: a number is a value read, text one of the words. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ExpectedOutcome of(Object yaml) {
        if (yaml instanceof Number n) {
            return new ExpectedOutcome(null, n.longValue());
        }
        return new ExpectedOutcome(Objects.toString(yaml), null);
    }

    public boolean matches(Outcome outcome) {
        if (value != null) {
            return outcome.type() == OpType.OK && value.equals(outcome.value());
        }
        String error = outcome.error() == null ? "" : outcome.error();
        return switch (word) {
            case "ok" -> outcome.type() == OpType.OK;
            case "fail" -> outcome.type() == OpType.FAIL;
            case "info" -> outcome.type() == OpType.INFO;
            case "unavailable" -> outcome.type() == OpType.FAIL && error.startsWith("Unavailable");
            default -> outcome.type() != OpType.OK && error.contains("Timeout");
        };
    }

    @Override
    public String toString() {
        return value != null ? "ok " + value : word;
    }
}
