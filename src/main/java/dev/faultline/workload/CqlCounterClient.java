package dev.faultline.workload;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * A Cassandra counter per key: {@code add} a delta, {@code read} the total. A counter update is not
 * idempotent (the driver never retries it), so one that timed out is indeterminate twice over: it
 * may have been applied, and a replica may still apply it.
 */
public final class CqlCounterClient implements Client {

    private final CqlSession session;
    private final Statements statements;
    private final String run;
    private final ConsistencyLevel readLevel;
    private final ConsistencyLevel writeLevel;

    /** Prepared once per session and shared by every client of it. */
    public record Statements(PreparedStatement read, PreparedStatement add) {
        public static Statements prepare(CqlSession session) {
            String table = CqlSchema.KEYSPACE + ".counters";
            return new Statements(
                    session.prepare("SELECT value FROM " + table + " WHERE run = ? AND key = ?"),
                    session.prepare("UPDATE " + table + " SET value = value + ? WHERE run = ? AND key = ?"));
        }
    }

    public CqlCounterClient(CqlSession session, Statements statements, String run,
                            ConsistencyLevel readLevel, ConsistencyLevel writeLevel) {
        this.session = session;
        this.statements = statements;
        this.run = run;
        this.readLevel = readLevel;
        this.writeLevel = writeLevel;
    }

    @Override
    public Outcome invoke(Invocation op) {
        return switch (op.f()) {
            case "read" -> read(op.key());
            case "add" -> add(op.key(), (Long) op.value());
            default -> throw new IllegalArgumentException("a counter does add and read, not " + op.f());
        };
    }

    private Outcome read(String key) {
        try {
            Row row = session.execute(statements.read().bind(run, key).setConsistencyLevel(readLevel)).one();
            // a counter never updated has no row: its total is 0
            return Outcome.ok(row == null || row.isNull(0) ? 0L : row.getLong(0));
        } catch (DriverException e) {
            return DriverErrors.outcome(e, false, null);
        }
    }

    private Outcome add(String key, long delta) {
        try {
            session.execute(statements.add().bind(delta, run, key).setConsistencyLevel(writeLevel));
            return Outcome.ok(delta);
        } catch (DriverException e) {
            return DriverErrors.outcome(e, true, delta);
        }
    }
}
