package dev.faultline.cluster.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A process the harness started inside a node's namespace, tagged with the run so cleanup finds it. */
public final class LaunchedProcess {

    private final String name;
    private final Process process;

    LaunchedProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code grace}; returns once it is gone. */
    public void stop(Duration grace) {
        process.destroy();
        if (!waitFor(grace)) {
            kill();
        }
    }

    /** SIGKILL; returns once it is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** Sends a signal by name (STOP, CONT) with the system's kill. */
    void signal(String signal) {
        Commands.run(List.of("kill", "-" + signal, Long.toString(pid())));
    }

    boolean exitedCleanly() {
        return !process.isAlive() && process.exitValue() == 0;
    }

    boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
