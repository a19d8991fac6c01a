package dev.faultline.workload;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * A grow-only set over CQL: each add is its own row, spread over buckets so that adds land on every
 * replica set; the final read walks every bucket at the read level (ALL after healing).
 */
public final class CqlSetClient implements Client {

    /** Enough buckets that every node holds some. */
    static final int BUCKETS = 16;

    private final CqlSession session;
    private final Statements statements;
    private final String run;
    private final ConsistencyLevel readLevel;
    private final ConsistencyLevel writeLevel;

    public record Statements(PreparedStatement add, PreparedStatement read) {
        public static Statements prepare(CqlSession session) {
            String table = CqlSchema.KEYSPACE + ".sets";
            return new Statements(
                    session.prepare("INSERT INTO " + table + " (run, bucket, element) VALUES (?, ?, ?)"),
                    session.prepare("SELECT element FROM " + table + " WHERE run = ? AND bucket = ?"));
        }
    }

    public CqlSetClient(CqlSession session, Statements statements, String run,
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
            case "add" -> add((Long) op.value());
            case "read" -> read();
            default -> throw new IllegalArgumentException("a set does add and read, not " + op.f());
        };
    }

    private Outcome add(long element) {
        try {
            session.execute(statements.add().bind(run, (int) (element % BUCKETS), element).setConsistencyLevel(writeLevel));
            return Outcome.ok(element);
        } catch (DriverException e) {
            return DriverErrors.outcome(e, true, element);
        }
    }

    private Outcome read() {
        try {
            List<Long> elements = new ArrayList<>();
            for (int bucket = 0; bucket < BUCKETS; bucket++) {
                for (Row row : session.execute(statements.read().bind(run, bucket).setConsistencyLevel(readLevel))) {
                    elements.add(row.getLong(0));
                }
            }
            elements.sort(null);
            return Outcome.ok(elements);
        } catch (DriverException e) {
            return DriverErrors.outcome(e, false, null);
        }
    }
}
