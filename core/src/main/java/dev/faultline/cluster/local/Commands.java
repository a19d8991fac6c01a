package dev.faultline.cluster.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short system commands ({@code ip}, {@code iptables}, {@code kill}) and fails loudly with their output. */
final class Commands {

    private static final long TIMEOUT_SECONDS = 60;

    private Commands() {
    }

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs the command; a non-zero exit is an exception carrying the command and its output. */
    static String run(List<String> command) {
        return run(command, null);
    }

    static String run(List<String> command, String stdin) {
        Result result = attempt(command, stdin);
        if (!result.ok()) {
            throw new IllegalStateException("`" + String.join(" ", command) + "` failed (exit " + result.exitCode()
                    + "): " + result.output().strip());
        }
        return result.output();
    }

    /** Runs the command and reports how it went, for cleanup where "already gone" is fine. */
    static Result attempt(List<String> command) {
        return attempt(command, null);
    }

    static Result attempt(List<String> command, String stdin) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output + " (timed out)");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
