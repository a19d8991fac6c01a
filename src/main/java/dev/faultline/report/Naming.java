package dev.faultline.report;

import dev.faultline.history.Operation;
import dev.faultline.history.Values;

/** How the report names an op: what its bar says and how a sentence describes it. */
final class Naming {

    private Naming() {
    }

    /**
     * "w 2", "r 1", "cas [1 2]" for ops that took effect; a failed op has no result, so a failed read is
     * "r ✗", never "r nil" (a read that returned nil); an indeterminate op is marked "?".
     */
    static String bar(Operation op) {
        String f = switch (op.f()) {
            case "write" -> "w";
            case "read" -> "r";
            default -> op.f();
        };
        boolean read = op.f().equals("read");
        return switch (op.outcome()) {
            case OK -> f + " " + Values.show(op.value());
            case FAIL -> read ? f + " ✗" : f + " " + Values.show(op.value()) + " ✗";
            default -> read ? f + " ?" : f + " " + Values.show(op.value()) + " ?";
        };
    }

    /** "process 1: read k1 returned 3", "process 1: read k1 failed: Unavailable (…)", "process 2: write k2 5, indeterminate: …". */
    static String describe(Operation op) {
        boolean read = op.f().equals("read");
        String what = op.f() + (op.key() == null ? "" : " " + op.key());
        String why = op.error() == null ? "" : ": " + op.error();
        String text = switch (op.outcome()) {
            case OK -> read ? what + " returned " + Values.show(op.value()) : what + " " + Values.show(op.value());
            case FAIL -> (read ? what : what + " " + Values.show(op.value())) + " failed" + why;
            default -> (read ? what : what + " " + Values.show(op.value())) + ", indeterminate" + why;
        };
        return "process " + op.process() + ": " + text;
    }
}
