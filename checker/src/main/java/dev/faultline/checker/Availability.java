package dev.faultline.checker;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many client ops succeeded, inside and outside fault windows. A fault window runs from the
 * nemesis invoking a start until its stop is in place; an op counts as inside when it was invoked
 * inside one.
 */
public record Availability(Counts total, Counts insideFaults, Counts outsideFaults, List<Window> windows) {

    /**
     * ok, fail and info ops. {@code declined} counts the fails that were the system's answer rather
     * than a refusal to serve, such as a compare-and-set that found another value: an available
     * system said no.
     */
    public record Counts(long ok, long fail, long info, long declined) {
        public Counts(long ok, long fail, long info) {
            this(ok, fail, info, 0);
        }

        public long all() {
            return ok + fail + info;
        }

        /** Percent of ops the system answered (ok, or declined); NaN when there were none: nothing to measure. */
        public double percentAvailable() {
            return all() == 0 ? Double.NaN : 100.0 * (ok + declined) / all();
        }

        Counts plus(Operation op) {
            return switch (op.outcome()) {
                case OK -> new Counts(ok + 1, fail, info, declined);
                case FAIL -> new Counts(ok, fail + 1, info, declined + (isDeclined(op) ? 1 : 0));
                default -> new Counts(ok, fail, info + 1, declined);
            };
        }
    }

    /** The error a compare-and-set reports when it read another value than it expected: an answer. */
    public static final String CAS_VALUE_DIFFERED = "cas: value differed";

    private static boolean isDeclined(Operation op) {
        return op.f().equals("cas") && CAS_VALUE_DIFFERED.equals(op.error());
    }

    /** One fault, from its start's invoke to its stop's completion, in history ns. */
    public record Window(String fault, String description, long from, long to) {
        boolean contains(long time) {
            return time >= from && time <= to;
        }
    }

    /** Whether a fault skewed the clocks: an overwrite may then lose by timestamp whatever the real order. */
    public boolean clocksSkewed() {
        return windows.stream().anyMatch(w -> w.fault().contains("skew") || w.fault().contains("clock"));
    }

    public static Availability of(History history) {
        List<Window> windows = windows(history);
        Counts total = new Counts(0, 0, 0);
        Counts inside = total;
        Counts outside = total;
        for (Operation op : history.operations()) {
            long at = op.invoke().time();
            total = total.plus(op);
            if (windows.stream().anyMatch(w -> w.contains(at))) {
                inside = inside.plus(op);
            } else {
                outside = outside.plus(op);
            }
        }
        return new Availability(total, inside, outside, windows);
    }

    /** Fault windows from the nemesis ops; a fault never stopped lasts to the end of the history. */
    static List<Window> windows(History history) {
        List<Window> windows = new ArrayList<>();
        Map<String, Op> started = new HashMap<>();
        long end = history.ops().isEmpty() ? 0 : history.ops().get(history.size() - 1).time();
        for (Op op : history.ops()) {
            if (!op.isNemesis()) {
                continue;
            }
            if (op.f().startsWith("start-") && op.type() == OpType.INVOKE) {
                started.putIfAbsent(op.f().substring(6), op);
            } else if (op.f().startsWith("stop-") && op.type() != OpType.INVOKE) {
                Op start = started.remove(op.f().substring(5));
                if (start != null) {
                    windows.add(new Window(start.f().substring(6), String.valueOf(start.value()), start.time(), op.time()));
                }
            }
        }
        started.values().forEach(start -> windows.add(
                new Window(start.f().substring(6), String.valueOf(start.value()), start.time(), end)));
        windows.sort(java.util.Comparator.comparingLong(Window::from));
        return windows;
    }
}
