package dev.faultline.workload;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.Node;
import dev.faultline.checker.Availability;

import java.util.List;

/**
 * A register per key over CQL: read, blind write, and compare-and-set as a lightweight transaction
 * (Paxos at SERIAL). Reads and writes use the workload's consistency levels; a SERIAL read level
 * makes reads go through Paxos too.
 */
public final class CqlRegisterClient implements Client {

    private final CqlSession session;
    private final String run;
    private final ConsistencyLevel readLevel;
    private final ConsistencyLevel writeLevel;
    private final ClientClock clock;
    private final Statements statements;
    private final Node coordinator;

    /** Prepared once per session and shared by every client of it. */
    public record Statements(PreparedStatement read, PreparedStatement write, PreparedStatement cas) {
        public static Statements prepare(CqlSession session) {
            return prepare(session, "registers");
        }

        /** The same statements on another register table of {@link CqlSchema}, such as the lessons' own. */
        public static Statements prepare(CqlSession session, String tableName) {
            String table = CqlSchema.KEYSPACE + "." + tableName;
            return new Statements(
                    session.prepare("SELECT value FROM " + table + " WHERE run = ? AND key = ?"),
                    session.prepare("UPDATE " + table + " SET value = ? WHERE run = ? AND key = ?"),
                    session.prepare("UPDATE " + table + " SET value = ? WHERE run = ? AND key = ? IF value = ?"));
        }
    }

    public CqlRegisterClient(CqlSession session, Statements statements, String run,
                             ConsistencyLevel readLevel, ConsistencyLevel writeLevel, ClientClock clock) {
        this(session, statements, run, readLevel, writeLevel, clock, null);
    }

    /**
     * @param coordinator the node every statement goes to (the driver's {@code Statement.setNode}), or null to
     *                    let the driver's load balancing choose: lessons pin it to make an anomaly repeatable
     */
    public CqlRegisterClient(CqlSession session, Statements statements, String run, ConsistencyLevel readLevel,
                             ConsistencyLevel writeLevel, ClientClock clock, Node coordinator) {
        this.session = session;
        this.statements = statements;
        this.run = run;
        this.readLevel = readLevel;
        this.writeLevel = writeLevel;
        this.clock = clock;
        this.coordinator = coordinator;
    }

    @Override
    public Outcome invoke(Invocation op) {
        return switch (op.f()) {
            case "read" -> read(op.key());
            case "write" -> write(op.key(), (Long) op.value());
            case "cas" -> cas(op.key(), (List<?>) op.value());
            default -> throw new IllegalArgumentException("a register does read, write and cas, not " + op.f());
        };
    }

    private Outcome read(String key) {
        try {
            Row row = session.execute(pinned(statements.read().bind(run, key).setConsistencyLevel(readLevel))).one();
            return Outcome.ok(row == null || row.isNull(0) ? null : row.getLong(0));
        } catch (DriverException e) {
            return DriverErrors.outcome(e, false, null);
        }
    }

    private Outcome write(String key, long value) {
        try {
            session.execute(pinned(stamped(statements.write().bind(value, run, key).setConsistencyLevel(writeLevel))));
            return Outcome.ok(value);
        } catch (DriverException e) {
            return DriverErrors.outcome(e, true, value);
        }
    }

    private Outcome cas(String key, List<?> expectedAndNew) {
        long expected = (Long) expectedAndNew.get(0);
        long replacement = (Long) expectedAndNew.get(1);
        try {
            ResultSet rs = session.execute(pinned(statements.cas().bind(replacement, run, key, expected)
                    .setConsistencyLevel(writeLevel == DefaultConsistencyLevel.SERIAL ? DefaultConsistencyLevel.QUORUM : writeLevel)
                    .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL)));
            // not applied: Paxos read the value and it was not the expected one, a definite no
            return rs.wasApplied() ? Outcome.ok(expectedAndNew) : Outcome.fail(expectedAndNew, Availability.CAS_VALUE_DIFFERED);
        } catch (DriverException e) {
            return DriverErrors.outcome(e, true, expectedAndNew);
        }
    }

    private BoundStatement pinned(BoundStatement statement) {
        return coordinator == null ? statement : statement.setNode(coordinator);
    }

    private BoundStatement stamped(BoundStatement statement) {
        return clock.isSkewed() ? statement.setQueryTimestamp(clock.nowMicros()) : statement;
    }
}
