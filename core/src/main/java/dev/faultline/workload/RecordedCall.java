package dev.faultline.workload;

import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.OpType;
import dev.faultline.history.Process;

/**
 * One op as every caller records it: the invoke just before the call, the outcome as soon as it
 * returns, so the history's order is the real order. After an indeterminate outcome the caller must
 * go on under a new process id: the op may still take effect, so its process stays open forever.
 * A client that throws instead of answering leaves the op indeterminate too: whatever it did before
 * throwing may have taken effect.
 *
 * @param invokeIndex the invoke's index in the history
 */
public record RecordedCall(long invokeIndex, Outcome outcome) {

    public static RecordedCall of(HistoryRecorder recorder, Process who, Client client, Invocation op) {
        long invoke = recorder.record(who, OpType.INVOKE, op.f(), op.key(), op.value()).index();
        Outcome outcome;
        try {
            outcome = client.invoke(op);
        } catch (RuntimeException e) {
            outcome = Outcome.info(op.value(), thrown(e));
        }
        recorder.record(who, outcome.type(), op.f(), op.key(), outcome.value(), outcome.error());
        return new RecordedCall(invoke, outcome);
    }

    /** Whether the caller must take a new process id before its next op. */
    public boolean leavesProcessOpen() {
        return outcome.type() == OpType.INFO;
    }

    /** "threw IllegalStateException: no such account", the exception as the history keeps it. */
    static String thrown(Throwable e) {
        return "threw " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
