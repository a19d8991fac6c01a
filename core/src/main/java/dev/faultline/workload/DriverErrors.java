package dev.faultline.workload;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.ReadFailureException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;

/**
 * Maps the driver's typed errors onto what we know of the operation. A write that timed out or
 * whose connection broke may still be applied by a replica later, so it is {@code info}; calling it
 * failed would hide real anomalies. Unavailable means the coordinator refused before sending
 * anything, so the write did not happen. Overloaded does not say so: the drivers' documentation
 * gives no guarantee that a write answered Overloaded was not applied, so it is {@code info}. A read
 * has no effect, so any read error is a failure. (README, "Definite failures", has the evidence.)
 * A team's own client passes whatever its DAO threw: the driver's error is found among its causes, and
 * an error that holds none (the DAO's own) leaves a change indeterminate.
 */
public final class DriverErrors {

    private DriverErrors() {
    }

    /**
     * What {@code error} says of an op: {@code fail} when it certainly did not take effect (any read; a change
     * refused as Unavailable or Overloaded, or never sent), else {@code info}, such as a write or read timeout
     * of an op that changes state.
     *
     * @param changesState whether the op writes (a read has no effect, so a failed read is simply failed)
     * @param value        the value the outcome carries: the op's own for a write
     */
    public static Outcome outcome(Throwable error, boolean changesState, Object value) {
        Throwable driver = driverCause(error);
        String why = driver == null ? RecordedCall.thrown(error) : describe(driver);
        if (!changesState) {
            return Outcome.fail(value, why);
        }
        return driver != null && definitelyNotApplied(driver) ? Outcome.fail(value, why) : Outcome.info(value, why);
    }

    /** The driver's own error: {@code error} itself or the first of its causes that the driver threw, else null. */
    private static Throwable driverCause(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof DriverException) {
                return e;
            }
        }
        return null;
    }

    private static boolean definitelyNotApplied(Throwable error) {
        if (error instanceof NoNodeAvailableException) {
            // a subclass of AllNodesFailedException with no errors: the query plan was empty, nothing was sent
            return true;
        }
        if (error instanceof AllNodesFailedException all) {
            // every node tried refused before executing: definite only if each refusal was
            return !all.getAllErrors().isEmpty() && all.getAllErrors().values().stream()
                    .flatMap(java.util.List::stream).allMatch(DriverErrors::definitelyNotApplied);
        }
        return error instanceof UnavailableException;
    }

    /**
     * Whether the coordinator refused as Unavailable: its failure detector holds too many replicas down.
     * The driver wraps a refusal by every node it tried in an AllNodesFailedException.
     */
    public static boolean refusedAsUnavailable(Throwable error) {
        if (error instanceof AllNodesFailedException all) {
            return all.getAllErrors().values().stream().flatMap(java.util.List::stream)
                    .anyMatch(DriverErrors::refusedAsUnavailable);
        }
        return error instanceof UnavailableException;
    }

    /** A short name for the error, as the report groups them: "Unavailable", "WriteTimeout"… */
    public static String describe(Throwable error) {
        if (error instanceof UnavailableException u) {
            return "Unavailable (" + u.getAlive() + " of " + u.getRequired() + " replicas alive)";
        }
        if (error instanceof WriteTimeoutException w) {
            return "WriteTimeout (" + w.getReceived() + " of " + w.getBlockFor() + " acks, " + w.getWriteType() + ")";
        }
        if (error instanceof ReadTimeoutException r) {
            return "ReadTimeout (" + r.getReceived() + " of " + r.getBlockFor() + " replies)";
        }
        if (error instanceof CASWriteUnknownException) {
            return "CasWriteUnknown";
        }
        if (error instanceof WriteFailureException || error instanceof ReadFailureException) {
            return error.getClass().getSimpleName().replace("Exception", "");
        }
        if (error instanceof DriverTimeoutException) {
            return "ClientTimeout";
        }
        if (error instanceof NoNodeAvailableException) {
            return "NoNodeAvailable";
        }
        if (error instanceof AllNodesFailedException all && !all.getAllErrors().isEmpty()) {
            return describe(all.getAllErrors().values().iterator().next().get(0));
        }
        return error.getClass().getSimpleName().replace("Exception", "");
    }
}
