package dev.faultline.history;

/**
 * Bad input found in one event of a history after it was read (by pairing, a model or a checker): it carries the
 * event's position, so that whoever knows the file can name the event's line rather than an op number.
 */
public final class OpException extends IllegalArgumentException {

    private final int position;

    /** @param position the 0-based position in the history of the event at fault */
    public OpException(int position, String message) {
        super(message);
        this.position = position;
    }

    /** At the event that carries {@code op}'s value: its completion when the value is the one it returned, else its invoke. */
    public static OpException at(Operation op, String message) {
        boolean returned = op.completion() != null && op.completion().type() == OpType.OK && op.completion().value() != null;
        return new OpException(returned ? op.returnAt() : op.callAt(), message);
    }

    /** At {@code op}'s invoke: where what it asked for is written. */
    public static OpException atInvoke(Operation op, String message) {
        return new OpException(op.callAt(), message);
    }

    public int position() {
        return position;
    }
}
