package dev.faultline.workload;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;

/**
 * Cassandra counters over CQL: {@code add} of a delta ({@code UPDATE … SET value = value + ?}), and
 * {@code read} of the total. A counter update is not idempotent, so the driver never retries one; a
 * timed-out add may still have been applied by its leader replica, so it is indeterminate. With a
 * {@link Retry}, the client does what a naive application does and sends a timed-out add again (once),
 * recording the one op the application meant: an add applied twice then shows as a total above every
 * increment that may have happened.
 */
public final class CqlCounterClient implements Client {

    private final CqlSession session;
    private final Statements statements;
    private final String run;
    private final ConsistencyLevel readLevel;
    private final ConsistencyLevel writeLevel;
    private final Node coordinator;
    private final Retry retry;
    private int retried;

    public record Statements(PreparedStatement add, PreparedStatement read) {
        public static Statements prepare(CqlSession session) {
            String table = CqlSchema.KEYSPACE + "." + CqlSchema.COUNTERS;
            return new Statements(
                    session.prepare("UPDATE " + table + " SET value = value + ? WHERE key = ? AND run = ?"),
                    session.prepare("SELECT value FROM " + table + " WHERE key = ? AND run = ?"));
        }
    }

    /**
     * What the client does with an add that timed out: leave it indeterminate, or send it once more through
     * {@code via} (null: whichever coordinator the driver picks).
     */
    public record Retry(boolean onTimeout, Node via) {
        public static final Retry NEVER = new Retry(false, null);
        public static final Retry ONCE = new Retry(true, null);

        public static Retry onceVia(Node node) {
            return new Retry(true, node);
        }
    }

    /** @param coordinator the node every first attempt goes to, or null for the driver's choice */
    public CqlCounterClient(CqlSession session, Statements statements, String run, ConsistencyLevel readLevel,
                            ConsistencyLevel writeLevel, Node coordinator, Retry retry) {
        this.session = session;
        this.statements = statements;
        this.run = run;
        this.readLevel = readLevel;
        this.writeLevel = writeLevel;
        this.coordinator = coordinator;
        this.retry = retry;
    }

    @Override
    public Outcome invoke(Invocation op) {
        return switch (op.f()) {
            case "add" -> add(op.key(), (Long) op.value());
            case "read" -> read(op.key());
            default -> throw new IllegalArgumentException("a counter does add and read, not " + op.f());
        };
    }

    /** How many adds timed out and were sent again. */
    public int retried() {
        return retried;
    }

    private Outcome add(String key, long delta) {
        try {
            session.execute(statements.add().bind(delta, key, run).setConsistencyLevel(writeLevel).setNode(coordinator));
            return Outcome.ok(delta);
        } catch (WriteTimeoutException e) {
            if (!retry.onTimeout()) {
                return DriverErrors.outcome(e, true, delta);
            }
            retried++;
            try {
                session.execute(statements.add().bind(delta, key, run).setConsistencyLevel(writeLevel).setNode(retry.via()));
                return Outcome.ok(delta);
            } catch (DriverException again) {
                return DriverErrors.outcome(again, true, delta);
            }
        } catch (DriverException e) {
            return DriverErrors.outcome(e, true, delta);
        }
    }

    /** A counter never added to has no row: its total is 0. */
    private Outcome read(String key) {
        try {
            Row row = session.execute(statements.read().bind(key, run).setConsistencyLevel(readLevel).setNode(coordinator)).one();
            return Outcome.ok(row == null ? 0L : row.getLong(0));
        } catch (DriverException e) {
            return DriverErrors.outcome(e, false, null);
        }
    }
}
