package dev.faultline.printerfacts;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.CoordinatorException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.ReadFailureException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps what the driver throws onto what an HTTP client sees. The split matters to the harness:
 * 503 means Cassandra refused before doing anything (Unavailable, no node reachable), so the write did
 * not happen; 504 means it timed out and the write may or may not have happened.
 */
public final class CassandraErrors {

    private CassandraErrors() {}

    public static ApiError toApiError(Throwable error) {
        if (error instanceof UnavailableException e) {
            return new ApiError(503, "unavailable", String.format(
                    "Cassandra has too few live replicas for %s: %d required, %d alive; nothing was done",
                    e.getConsistencyLevel(), e.getRequired(), e.getAlive()));
        }
        if (error instanceof WriteTimeoutException e) {
            return new ApiError(504, "write_timeout", String.format(
                    "Cassandra write timed out at %s (%d of %d replicas acknowledged, %s); it may still be applied",
                    e.getConsistencyLevel(), e.getReceived(), e.getBlockFor(), e.getWriteType()));
        }
        if (error instanceof ReadTimeoutException e) {
            return new ApiError(504, "read_timeout", String.format(
                    "Cassandra read timed out at %s (%d of %d replicas answered)",
                    e.getConsistencyLevel(), e.getReceived(), e.getBlockFor()));
        }
        if (error instanceof DriverTimeoutException e) {
            return new ApiError(504, "driver_timeout",
                    "no answer from Cassandra in time (" + e.getMessage() + "); a write may still be applied");
        }
        if (error instanceof HeartbeatException || error instanceof ClosedConnectionException) {
            return new ApiError(504, "connection_lost", "the connection to the Cassandra coordinator broke mid-request ("
                    + error.getMessage() + "); a write may still be applied");
        }
        if (error instanceof ReadFailureException || error instanceof WriteFailureException) {
            return new ApiError(502, "replica_failure", "a Cassandra replica failed the request: "
                    + ((QueryConsistencyException) error).getMessage());
        }
        if (error instanceof OverloadedException e) {
            return new ApiError(503, "overloaded", "Cassandra is overloaded: " + e.getMessage());
        }
        if (error instanceof NoNodeAvailableException) {
            return new ApiError(503, "no_node_available", "no Cassandra node is reachable");
        }
        if (error instanceof AllNodesFailedException e) {
            return fromEveryNodeTried(e);
        }
        if (error instanceof CoordinatorException e) {
            return new ApiError(502, "cassandra_error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        // the server's own fault: the log has the trace; the client gets no class names or internals
        return new ApiError(500, "internal_error", "the server failed on this request; its log says why");
    }

    private static ApiError fromEveryNodeTried(AllNodesFailedException e) {
        List<Throwable> errors = e.getAllErrors().values().stream().flatMap(List::stream).toList();
        return sameFailureEverywhere(errors).orElseGet(() -> new ApiError(503, "no_node_available",
                "every Cassandra node tried failed: " + summary(e.getAllErrors())));
    }

    /**
     * The driver tried every node of its query plan; if each failed the same typed way (say, all
     * Unavailable), that is the honest answer, otherwise Cassandra as a whole was not reachable.
     */
    static Optional<ApiError> sameFailureEverywhere(List<Throwable> errors) {
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        ApiError last = toApiError(errors.get(errors.size() - 1));
        boolean same = errors.stream().map(CassandraErrors::toApiError).allMatch(a -> a.error().equals(last.error()));
        return same ? Optional.of(last) : Optional.empty();
    }

    private static String summary(Map<?, List<Throwable>> errors) {
        StringBuilder text = new StringBuilder();
        errors.forEach((node, list) -> list.forEach(t ->
                text.append(text.isEmpty() ? "" : "; ").append(node).append(": ").append(t.getClass().getSimpleName())));
        return text.isEmpty() ? "no node answered" : text.toString();
    }
}
