package dev.faultline.workload;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.DefaultWriteType;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import dev.faultline.history.OpType;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import static com.datastax.oss.driver.api.core.DefaultConsistencyLevel.QUORUM;
import static org.assertj.core.api.Assertions.assertThat;

/** The info/fail line ARCHITECTURE.md calls worth getting exactly right: only a sure refusal is a failed write. */
class DriverErrorsTest {

    private static Node node(String name) {
        return (Node) Proxy.newProxyInstance(Node.class.getClassLoader(), new Class<?>[]{Node.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> name;
                    case "hashCode" -> name.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final Node N1 = node("n1");
    private static final Node N2 = node("n2");

    private static final UnavailableException UNAVAILABLE = new UnavailableException(N1, QUORUM, 2, 1);
    private static final WriteTimeoutException WRITE_TIMEOUT = new WriteTimeoutException(N1, QUORUM, 1, 2, DefaultWriteType.SIMPLE);

    private static OpType write(Throwable error) {
        return DriverErrors.outcome(error, true, 5).type();
    }

    @Test
    void aWriteTheCoordinatorRefusedBeforeSendingFailed() {
        assertThat(write(UNAVAILABLE)).isEqualTo(OpType.FAIL);
        assertThat(write(new NoNodeAvailableException())).isEqualTo(OpType.FAIL);
    }

    @Test
    void aWriteAnsweredOverloadedMayHaveBeenAppliedSoItIsIndeterminate() {
        assertThat(write(new OverloadedException(N1))).isEqualTo(OpType.INFO);
    }

    @Test
    void aWriteThatMayHaveReachedAReplicaIsIndeterminate() {
        assertThat(write(WRITE_TIMEOUT)).isEqualTo(OpType.INFO);
        assertThat(write(new CASWriteUnknownException(N1, DefaultConsistencyLevel.SERIAL, 0, 2))).isEqualTo(OpType.INFO);
        assertThat(write(new DriverTimeoutException("Query timed out after PT2S"))).isEqualTo(OpType.INFO);
        assertThat(write(new ClosedConnectionException("Lost connection to remote peer"))).isEqualTo(OpType.INFO);
        assertThat(write(new IllegalStateException("anything unforeseen"))).isEqualTo(OpType.INFO);
    }

    @Test
    void allNodesFailedIsDefiniteOnlyWhenEveryNodeRefused() {
        AllNodesFailedException allRefused = AllNodesFailedException.fromErrors(List.of(
                Map.entry(N1, UNAVAILABLE), Map.entry(N2, new UnavailableException(N2, QUORUM, 2, 1))));
        AllNodesFailedException oneOverloaded = AllNodesFailedException.fromErrors(List.of(
                Map.entry(N1, UNAVAILABLE), Map.entry(N2, new OverloadedException(N2))));
        AllNodesFailedException oneTimedOut = AllNodesFailedException.fromErrors(List.of(
                Map.entry(N1, UNAVAILABLE), Map.entry(N2, WRITE_TIMEOUT)));
        assertThat(write(allRefused)).isEqualTo(OpType.FAIL);
        assertThat(write(oneTimedOut)).isEqualTo(OpType.INFO);
        assertThat(write(oneOverloaded)).isEqualTo(OpType.INFO);
        // with no node tried at all the driver says NoNodeAvailable: nothing was sent
        assertThat(AllNodesFailedException.fromErrors(List.of())).isInstanceOf(NoNodeAvailableException.class);
        assertThat(write(AllNodesFailedException.fromErrors(List.of()))).isEqualTo(OpType.FAIL);
    }

    @Test
    void aReadHasNoEffectSoAnyErrorFailsIt() {
        assertThat(DriverErrors.outcome(new ReadTimeoutException(N1, QUORUM, 1, 2, false), false, null).type())
                .isEqualTo(OpType.FAIL);
        assertThat(DriverErrors.outcome(new DriverTimeoutException("timed out"), false, null).type())
                .isEqualTo(OpType.FAIL);
    }

    @Test
    void theErrorIsKeptInTheWordsTheReportGroupsBy() {
        assertThat(DriverErrors.outcome(UNAVAILABLE, true, 5)).isEqualTo(
                new Outcome(OpType.FAIL, 5, "Unavailable (1 of 2 replicas alive)"));
        assertThat(DriverErrors.describe(WRITE_TIMEOUT)).isEqualTo("WriteTimeout (1 of 2 acks, SIMPLE)");
        assertThat(DriverErrors.describe(new ReadTimeoutException(N1, QUORUM, 1, 2, true)))
                .isEqualTo("ReadTimeout (1 of 2 replies)");
        assertThat(DriverErrors.describe(new DriverTimeoutException("x"))).isEqualTo("ClientTimeout");
        assertThat(DriverErrors.describe(AllNodesFailedException.fromErrors(List.of(Map.entry(N1, WRITE_TIMEOUT)))))
                .isEqualTo("WriteTimeout (1 of 2 acks, SIMPLE)");
    }

    @Test
    void aTeamsDaoThatWrapsTheDriversErrorIsJudgedByTheDriversErrorWithin() {
        RuntimeException wrappedRefusal = new IllegalStateException("transfer failed", UNAVAILABLE);
        RuntimeException wrappedTimeout = new RuntimeException("dao", new IllegalStateException("retry gave up", WRITE_TIMEOUT));
        assertThat(DriverErrors.outcome(wrappedRefusal, true, 5)).isEqualTo(
                new Outcome(OpType.FAIL, 5, "Unavailable (1 of 2 replicas alive)"));
        assertThat(DriverErrors.outcome(wrappedTimeout, true, 5)).isEqualTo(
                new Outcome(OpType.INFO, 5, "WriteTimeout (1 of 2 acks, SIMPLE)"));
        assertThat(DriverErrors.outcome(new IllegalStateException("no such account"), true, 5)).isEqualTo(
                new Outcome(OpType.INFO, 5, "threw IllegalStateException: no such account"));
    }
}
