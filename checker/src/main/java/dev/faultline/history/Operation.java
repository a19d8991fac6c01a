package dev.faultline.history;

/**
 * An invoke paired with its completion: what a checker reasons about.
 *
 * @param process    the client that performed it
 * @param f          the function; a completion may refine it (Porcupine's failed cas is {@code cas-fail})
 * @param key        the independent key, or null
 * @param value      the value the op carries: the completion's when it returned ok, else the invoke's
 * @param outcome    OK, FAIL, or INFO (indeterminate: no completion, or an info completion)
 * @param callAt     position of the invoke in the history
 * @param returnAt   position of the completion, or {@link #NEVER} when indeterminate
 * @param invoke     the invoke event
 * @param completion the completion event, or null when the history ended first
 */
public record Operation(
        Process process,
        String f,
        Object key,
        Object value,
        OpType outcome,
        int callAt,
        int returnAt,
        Op invoke,
        Op completion) {

    /** The return position of an op that may take effect at any later time. */
    public static final int NEVER = Integer.MAX_VALUE;

    static Operation pair(Op invoke, int callAt, Op completion, int returnAt) {
        if (completion == null || completion.type() == OpType.INFO) {
            return new Operation(invoke.process(), invoke.f(), invoke.key(), invoke.value(), OpType.INFO,
                    callAt, NEVER, invoke, completion);
        }
        Object value = completion.type() == OpType.OK && completion.value() != null
                ? completion.value()
                : invoke.value();
        return new Operation(invoke.process(), completion.f(), invoke.key(), value, completion.type(),
                callAt, returnAt, invoke, completion);
    }

    public boolean isIndeterminate() {
        return outcome == OpType.INFO;
    }

    /** Why it did not succeed, as its completion says, or null. */
    public String error() {
        return completion == null ? null : completion.error();
    }

    @Override
    public String toString() {
        String why = error() == null ? "" : ": " + error();
        String result = switch (outcome) {
            case OK -> "";
            case INFO -> " (indeterminate" + why + ")";
            default -> " (" + outcome.label() + why + ")";
        };
        return "process " + process + ": " + f + (key == null ? "" : " " + key) + " " + Values.show(value) + result;
    }
}
