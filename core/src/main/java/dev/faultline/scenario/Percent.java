package dev.faultline.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A share from 0 to 100, written {@code 95%} or {@code 95} in YAML. */
public record Percent(double value) {

    public Percent {
        if (value < 0 || value > 100 || Double.isNaN(value)) {
            throw new IllegalArgumentException("a percentage must be between 0% and 100%, got " + value);
        }
    }

    @JsonCreator
    public static Percent parse(String text) {
        String digits = text.strip().endsWith("%") ? text.strip().substring(0, text.strip().length() - 1) : text.strip();
        try {
            return new Percent(Double.parseDouble(digits));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage; write it like 95%");
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value)) + "%";
    }
}
