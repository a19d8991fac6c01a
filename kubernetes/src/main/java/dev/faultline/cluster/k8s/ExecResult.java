package dev.faultline.cluster.k8s;

/** What a command run in a pod or on a machine said: its exit code and its output (stdout and stderr together). */
record ExecResult(int exitCode, String output) {

    boolean ok() {
        return exitCode == 0;
    }

    /** This result, or an exception naming {@code what} and the output when the command failed. */
    ExecResult orThrow(String what) {
        if (!ok()) {
            throw new IllegalStateException(what + " exited with " + exitCode + ": " + output.strip());
        }
        return this;
    }
}
