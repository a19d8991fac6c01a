package dev.faultline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fault of Faultline's own, not of the input: one line on the terminal, exit {@link #EXIT}, and
 * the full trace in a file whose path that line gives, for a bug report.
 */
final class InternalFault {

    /** Exit code of an internal fault, distinct from every verdict and from bad input. */
    static final int EXIT = 5;

    private InternalFault() {
    }

    static int report(PrintWriter err, Throwable fault) {
        StringWriter trace = new StringWriter();
        fault.printStackTrace(new PrintWriter(trace));
        String where;
        try {
            Path file = Files.createTempFile("faultline-fault-", ".txt");
            Files.writeString(file, trace.toString());
            where = "the full trace is in " + file;
        } catch (IOException | RuntimeException e) {
            where = "its trace could not be saved either";
        }
        err.println("faultline: internal fault (a bug in Faultline, not in the input); " + where);
        err.flush();
        return EXIT;
    }
}
