package dev.faultline.history;

import java.util.Locale;

/** The four kinds of history event, as in Jepsen. */
public enum OpType {
    /** A client starts an operation. */
    INVOKE,
    /** The operation completed and took effect. */
    OK,
    /** The operation definitely did not take effect. */
    FAIL,
    /** Indeterminate: it may take effect at any time after its invoke, or never. */
    INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "invoke", "ok", "fail" or "info"; returns null for anything else. */
    public static OpType fromLabel(String label) {
        return switch (label) {
            case "invoke" -> INVOKE;
            case "ok" -> OK;
            case "fail" -> FAIL;
            case "info" -> INFO;
            default -> null;
        };
    }
}
