package dev.faultline.workload;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;

/**
 * Maps an HTTP service's answers onto what we know of the operation, as {@link DriverErrors} does for the
 * driver's errors. A 2xx took effect. A 503 or a 4xx refused the request (a service in front of Cassandra
 * answers Unavailable with 503, as printerfacts does), so a change did not happen; any other 5xx, or an
 * answer lost on the way back, leaves a change indeterminate: the service may have written before it failed.
 * A connection that was never made sent nothing. A read has no effect, so any error of a read is a failure.
 */
public final class HttpErrors {

    private HttpErrors() {
    }

    /**
     * @param status       the response's status code
     * @param changesState whether the request writes
     * @param value        the outcome's value: the op's own for a write, what was read for a read
     * @param why          what the response said, kept with a failed or indeterminate op (such as its error code)
     */
    public static Outcome outcome(int status, boolean changesState, Object value, String why) {
        if (status >= 200 && status < 300) {
            return Outcome.ok(value);
        }
        String error = "HTTP " + status + (why == null || why.isBlank() ? "" : " " + why);
        boolean refused = status == 503 || status < 500;
        return changesState && !refused ? Outcome.info(value, error) : Outcome.fail(value, error);
    }

    /** A request that got no answer: a change sent on a connection that then broke or timed out may have happened. */
    public static Outcome outcome(IOException error, boolean changesState, Object value) {
        String why = "HTTP " + error.getClass().getSimpleName();
        boolean neverSent = error instanceof ConnectException || error instanceof HttpConnectTimeoutException;
        return changesState && !neverSent ? Outcome.info(value, why) : Outcome.fail(value, why);
    }
}
