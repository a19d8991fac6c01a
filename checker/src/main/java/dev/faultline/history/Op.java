package dev.faultline.history;

import java.util.Objects;

/**
 * One event of a history: an invoke, or the completion (ok, fail, info) of an earlier invoke.
 *
 * @param index   position in the history, 0-based
 * @param process who did it
 * @param type    invoke, ok, fail or info
 * @param f       the function: read, write, cas, add, acquire, or a nemesis action
 * @param key     the independent key the op is on, or null for a single-object history
 * @param value   Long, String, List (cas is [expected, new]), Map, or null (a read not yet returned)
 * @param time    nanoseconds on the run's clock, or {@link #NO_TIME} when the source has none
 * @param error   why a fail or info completion did not succeed, as the client saw it (e.g. "Unavailable
 *                (1 of 2 replicas alive)"), or null: Jepsen's {@code :error}
 */
public record Op(long index, Process process, OpType type, String f, Object key, Object value, long time, String error) {

    public static final long NO_TIME = -1;

    public Op {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(f, "f");
    }

    /** An op without an error, as most sources record them. */
    public Op(long index, Process process, OpType type, String f, Object key, Object value, long time) {
        this(index, process, type, f, key, value, time, null);
    }

    public boolean isNemesis() {
        return process instanceof Process.Nemesis;
    }

    public Op withTime(long newTime) {
        return new Op(index, process, type, f, key, value, newTime, error);
    }

    @Override
    public String toString() {
        return process + " " + type.label() + " " + f + (key == null ? "" : " " + key) + " " + Values.show(value)
                + (error == null ? "" : " (" + error + ")");
    }
}
