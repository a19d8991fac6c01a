package dev.faultline.cluster.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A process the harness started inside a node's namespace, tagged with the run so cleanup finds it. A root harness
 * started it itself (its child); any other had the privileged helper start it as the harness's user, so the harness
 * watches and signals it by pid, and asks the helper, its parent, how it exited.
 */
public final class LaunchedProcess {

    private static final long POLL_MILLIS = 10;

    private final String name;
    private final long pid;
    private final Process child;
    private final Optional<ProcessHandle> handle;
    private final IntSupplier exitCode;

    private LaunchedProcess(String name, long pid, Process child, Optional<ProcessHandle> handle, IntSupplier exitCode) {
        this.name = name;
        this.pid = pid;
        this.child = child;
        this.handle = handle;
        this.exitCode = exitCode;
    }

    /** A child of this JVM. */
    static LaunchedProcess child(String name, Process process) {
        return new LaunchedProcess(name, process.pid(), process, Optional.of(process.toHandle()), process::exitValue);
    }

    /** Another process's child, known by pid (taken now, so a reused pid is never mistaken for it). */
    static LaunchedProcess adopted(String name, long pid, IntSupplier exitCode) {
        return new LaunchedProcess(name, pid, null, ProcessHandle.of(pid), exitCode);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return pid;
    }

    public boolean isAlive() {
        return child != null ? child.isAlive() : handle.map(ProcessHandle::isAlive).orElse(false);
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code grace}; returns once it is gone. */
    public void stop(Duration grace) {
        if (child != null) {
            child.destroy();
        } else {
            handle.ifPresent(ProcessHandle::destroy);
        }
        if (!waitFor(grace)) {
            kill();
        }
    }

    /** SIGKILL; returns once it is gone. */
    public void kill() {
        if (child != null) {
            child.destroyForcibly();
        } else {
            handle.ifPresent(ProcessHandle::destroyForcibly);
        }
        waitFor(Duration.ofSeconds(30));
    }

    /** Sends a signal by name (STOP, CONT) with the system's kill: the process is this JVM's user's, or it is root. */
    void signal(String signal) {
        Commands.run(List.of("kill", "-" + signal, Long.toString(pid())));
    }

    boolean exitedCleanly() {
        return !isAlive() && exitCode.getAsInt() == 0;
    }

    boolean waitFor(Duration timeout) {
        try {
            if (child != null) {
                return child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            // ProcessHandle.onExit polls a non-child from 300 ms up to 5 s apart: too slow for a kill's return
            long deadline = System.nanoTime() + timeout.toNanos();
            while (isAlive()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(POLL_MILLIS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The scheduler state letter from /proc (R, S, T for stopped…), or '?' once the process is gone. */
    char procState() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            return '?';
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
