package dev.faultline.workload;

import dev.faultline.history.OpType;

/**
 * What came of an invocation. {@code ok}: it took effect (and {@code value} is what a read saw);
 * {@code fail}: it certainly did not; {@code info}: we cannot know, it may take effect later or never.
 */
public record Outcome(OpType type, Object value, String error) {

    public static Outcome ok(Object value) {
        return new Outcome(OpType.OK, value, null);
    }

    public static Outcome fail(Object value, String error) {
        return new Outcome(OpType.FAIL, value, error);
    }

    public static Outcome info(Object value, String error) {
        return new Outcome(OpType.INFO, value, error);
    }
}
