package dev.faultline.workload;

/**
 * Turns invocations into real calls. Database errors are outcomes, never exceptions: a client
 * that throws has a bug.
 */
public interface Client {

    Outcome invoke(Invocation invocation);
}
