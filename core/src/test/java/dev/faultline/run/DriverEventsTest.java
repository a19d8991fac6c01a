package dev.faultline.run;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The driver's side of a level goes to driver.log beside the history, by the driver's own tracker, not through SLF4J. */
class DriverEventsTest {

    @TempDir
    Path dir;

    @Test
    void eachFailedRequestIsALineOfDriverLogNamedAsTheHistoryNamesIt() throws Exception {
        DriverEvents events = DriverEvents.into(dir.resolve("QUORUM"));
        SimpleStatement read = SimpleStatement.newInstance("SELECT value FROM registers WHERE key = 'k1'");
        events.onError(read, new UnavailableException(null, DefaultConsistencyLevel.QUORUM, 2, 1), 12_000_000L, null, null, "s0");
        events.onError(read, new DriverTimeoutException("Query timed out after PT2S"), 2_000_000_000L, null, null, "s0");
        // the driver closes the tracker and the listener alike: the second close is nothing
        events.close();
        events.close();

        assertThat(Files.readAllLines(dir.resolve("QUORUM").resolve(DriverEvents.FILE))).satisfiesExactly(
                line -> assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} request failed after 12 ms: "
                        + "Unavailable \\(1 of 2 replicas alive\\) \\(.*QUORUM.*\\)"),
                line -> assertThat(line).endsWith(" request failed after 2000 ms: ClientTimeout (Query timed out after PT2S)"));
    }
}
