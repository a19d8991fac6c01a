package dev.faultline.nemesis;

import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.OpType;
import dev.faultline.history.Process;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The one keeper of a run's active faults. It plays a schedule on the run's clock, or injects and heals
 * faults as a lesson's steps say, and records every start and stop in the history, as Jepsen's
 * nemesis does: {@code invoke start-partition}, then {@code info start-partition} once the fault is
 * in place. Whatever is still injected when the run ends, or when anything fails, is healed.
 */
public final class Nemesis implements Runnable {

    private final Schedule schedule;
    private final Fault.Target target;
    private final HistoryRecorder recorder;
    private final long startNanos;
    private final Deque<Active> active = new ArrayDeque<>();

    private record Event(Duration at, boolean start, Fault fault) {
    }

    /** A fault in place, with what it acts on (a clock skew's clients). */
    private record Active(Fault fault, Fault.Target target) {
    }

    /** Plays {@code schedule} on {@code target} when run, its times counted from {@code startNanos}. */
    public Nemesis(Schedule schedule, Fault.Target target, HistoryRecorder recorder, long startNanos) {
        this.schedule = schedule;
        this.target = target;
        this.recorder = recorder;
        this.startNanos = startNanos;
    }

    /** A nemesis told what to do step by step ({@link #inject}, {@link #heal}), with no schedule to play. */
    public static Nemesis stepwise(HistoryRecorder recorder) {
        return new Nemesis(new Schedule(List.of()), null, recorder, System.nanoTime());
    }

    @Override
    public void run() {
        List<Event> events = new ArrayList<>();
        for (Schedule.Planned p : schedule.faults()) {
            events.add(new Event(p.at(), true, p.fault()));
            events.add(new Event(p.healAt(), false, p.fault()));
        }
        // at the same instant a heal goes before a start, so back-to-back faults do not overlap
        events.sort(Comparator.comparing(Event::at).thenComparing(Event::start));
        try {
            for (Event event : events) {
                if (!sleepUntil(event.at())) {
                    return;
                }
                if (event.start()) {
                    inject(event.fault(), target);
                } else {
                    heal(event.fault());
                }
            }
        } finally {
            healAll();
        }
    }

    /** Injects {@code fault} on {@code on} now, recorded; it stays active until healed. */
    public void inject(Fault fault, Fault.Target on) {
        record(recorder, "start", fault, () -> fault.inject(on));
        synchronized (this) {
            active.push(new Active(fault, on));
        }
    }

    /**
     * Heals the newest active fault of {@code kind}, such as a partition.
     *
     * @throws IllegalStateException when no such fault is in place
     */
    public void heal(FaultKind kind) {
        Active found = take(a -> a.fault().kind() == kind);
        if (found == null) {
            throw new IllegalStateException("no " + kind.id() + " is in place to heal");
        }
        record(recorder, "stop", found.fault(), () -> found.fault().heal(found.target()));
    }

    /** Heals {@code fault} if it is still active (a scheduled heal of a fault healed already does nothing). */
    private void heal(Fault fault) {
        Active found = take(a -> a.fault() == fault);
        if (found != null) {
            record(recorder, "stop", fault, () -> fault.heal(found.target()));
        }
    }

    /** The faults in place now, in words, for a progress line. */
    public synchronized List<String> activeFaults() {
        return active.stream().map(a -> a.fault().name() + " " + a.fault().describe()).toList();
    }

    /** Heals what is still injected, newest first. Safe to call more than once. */
    public synchronized void healAll() {
        while (!active.isEmpty()) {
            Active a = active.pop();
            record(recorder, "stop", a.fault(), () -> a.fault().heal(a.target()));
        }
    }

    private synchronized Active take(java.util.function.Predicate<Active> which) {
        for (var it = active.iterator(); it.hasNext(); ) {
            Active a = it.next();
            if (which.test(a)) {
                it.remove();
                return a;
            }
        }
        return null;
    }

    /**
     * Runs {@code action} (a fault's inject or heal) between its two history ops: {@code invoke <phase>-<name>},
     * then {@code info} once it is done, or {@code info … failed} before rethrowing.
     */
    static void record(HistoryRecorder recorder, String phase, Fault fault, Runnable action) {
        String f = phase + "-" + fault.name();
        recorder.record(Process.NEMESIS, OpType.INVOKE, f, null, fault.describe());
        try {
            action.run();
            recorder.record(Process.NEMESIS, OpType.INFO, f, null, fault.describe());
        } catch (RuntimeException e) {
            recorder.record(Process.NEMESIS, OpType.INFO, f, null, fault.describe() + " failed: " + e.getMessage());
            throw e;
        }
    }

    private boolean sleepUntil(Duration at) {
        long due = startNanos + at.toNanos();
        while (System.nanoTime() - due < 0) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(due - System.nanoTime());
        }
        return true;
    }
}
