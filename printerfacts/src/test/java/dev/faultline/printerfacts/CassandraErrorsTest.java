package dev.faultline.printerfacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The driver's exceptions are plain values, so the mapping is checked on real instances of them. */
class CassandraErrorsTest {

    private static final Node NO_NODE = null; // the mapping never looks at the coordinator

    @Test
    void unavailableIs503AndSaysNothingWasDone() {
        ApiError error = CassandraErrors.toApiError(new UnavailableException(NO_NODE, DefaultConsistencyLevel.QUORUM, 2, 1));
        assertThat(error).isEqualTo(new ApiError(503, "unavailable",
                "Cassandra has too few live replicas for QUORUM: 2 required, 1 alive; nothing was done"));
    }

    @Test
    void timeoutsAre504AndAWriteMayStillBeApplied() {
        ApiError write = CassandraErrors.toApiError(
                new WriteTimeoutException(NO_NODE, DefaultConsistencyLevel.QUORUM, 1, 2, WriteType.SIMPLE));
        assertThat(write.status()).isEqualTo(504);
        assertThat(write.error()).isEqualTo("write_timeout");
        assertThat(write.message()).contains("QUORUM", "1 of 2", "may still be applied");

        ApiError read = CassandraErrors.toApiError(new ReadTimeoutException(NO_NODE, DefaultConsistencyLevel.ALL, 1, 2, false));
        assertThat(read.status()).isEqualTo(504);
        assertThat(read.error()).isEqualTo("read_timeout");

        ApiError driver = CassandraErrors.toApiError(new DriverTimeoutException("Query timed out after PT12S"));
        assertThat(driver.status()).isEqualTo(504);
        assertThat(driver.error()).isEqualTo("driver_timeout");
    }

    @Test
    void aConnectionBrokenMidRequestIs504BecauseTheOutcomeIsUnknown() {
        ApiError lost = CassandraErrors.toApiError(new HeartbeatException(null, "Heartbeat request: timed out",
                new DriverTimeoutException("timed out after 2000 ms")));
        assertThat(lost.status()).isEqualTo(504);
        assertThat(lost.error()).isEqualTo("connection_lost");
        assertThat(lost.message()).contains("may still be applied");
        assertThat(CassandraErrors.toApiError(new ClosedConnectionException("Lost connection to remote peer")).error())
                .isEqualTo("connection_lost");
    }

    @Test
    void noReachableNodeIs503() {
        assertThat(CassandraErrors.toApiError(new NoNodeAvailableException()))
                .extracting(ApiError::status, ApiError::error).containsExactly(503, "no_node_available");
    }

    @Test
    void everyNodeFailingTheSameTypedWayGivesThatAnswer() {
        UnavailableException unavailable = new UnavailableException(NO_NODE, DefaultConsistencyLevel.QUORUM, 2, 1);
        assertThat(CassandraErrors.sameFailureEverywhere(List.of(unavailable, unavailable)))
                .map(ApiError::error).contains("unavailable");
        assertThat(CassandraErrors.sameFailureEverywhere(List.of(unavailable, new DriverTimeoutException("slow")))).isEmpty();
        assertThat(CassandraErrors.sameFailureEverywhere(List.of())).isEmpty();
        assertThat(CassandraErrors.toApiError(AllNodesFailedException.fromErrors(Map.of())))
                .extracting(ApiError::status, ApiError::error).containsExactly(503, "no_node_available");
    }

    @Test
    void otherCassandraErrorsAre502AndAnythingElse500() {
        assertThat(CassandraErrors.toApiError(new InvalidQueryException(NO_NODE, "unconfigured table facts")))
                .extracting(ApiError::status, ApiError::error).containsExactly(502, "cassandra_error");
        assertThat(CassandraErrors.toApiError(new IllegalStateException("boom")))
                .extracting(ApiError::status, ApiError::error).containsExactly(500, "internal_error");
        assertThat(CassandraErrors.toApiError(new IllegalStateException("boom")).message())
                .as("no internals in a response").doesNotContain("IllegalStateException").doesNotContain("boom");
    }
}
