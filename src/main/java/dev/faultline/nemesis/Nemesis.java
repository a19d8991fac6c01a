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
 * Plays a schedule on the run's clock and records every start and stop in the history, as Jepsen's
 * nemesis does: {@code invoke start-partition}, then {@code info start-partition} once the fault is
 * in place. Whatever is still injected when the run ends, or when anything fails, is healed.
 */
public final class Nemesis implements Runnable {

    private final Schedule schedule;
    private final Fault.Target target;
    private final HistoryRecorder recorder;
    private final long startNanos;
    private final Deque<Fault> active = new ArrayDeque<>();

    private record Event(Duration at, boolean start, Fault fault) {
    }

    public Nemesis(Schedule schedule, Fault.Target target, HistoryRecorder recorder, long startNanos) {
        this.schedule = schedule;
        this.target = target;
        this.recorder = recorder;
        this.startNanos = startNanos;
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
                    record(recorder, "start", event.fault(), () -> event.fault().inject(target));
                    synchronized (this) {
                        active.push(event.fault());
                    }
                } else if (removeActive(event.fault())) {
                    record(recorder, "stop", event.fault(), () -> event.fault().heal(target));
                }
            }
        } finally {
            healAll();
        }
    }

    /** The faults in place now, in words, for a progress line. */
    public synchronized List<String> activeFaults() {
        return active.stream().map(f -> f.name() + " " + f.describe()).toList();
    }

    /** Heals what is still injected, newest first. Safe to call more than once. */
    public synchronized void healAll() {
        while (!active.isEmpty()) {
            Fault fault = active.pop();
            record(recorder, "stop", fault, () -> fault.heal(target));
        }
    }

    private synchronized boolean removeActive(Fault fault) {
        return active.remove(fault);
    }

    /**
     * Runs {@code action} (a fault's inject or heal) between its two history ops: {@code invoke <phase>-<name>},
     * then {@code info} once it is done, or {@code info … failed} before rethrowing.
     */
    public static void record(HistoryRecorder recorder, String phase, Fault fault, Runnable action) {
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
