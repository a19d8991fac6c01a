package dev.faultline.workload;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;

import java.util.ArrayList;
import java.util.List;

/**
 * The lab's writer: appends rows numbered 1, 2, 3… and keeps its last number in Cassandra, in two
 * separate writes. After any error it "crashes" and restarts from the last number it can read
 * back, as a restarted pod would. A row written whose last number was not, or a stale read of the
 * last number, makes it write a number twice; an acknowledged row that is gone later is a gap.
 */
public final class CqlSequenceWriter implements Client {

    private final CqlSession session;
    private final Statements statements;
    private final String run;
    private final int writer;
    private final ConsistencyLevel readLevel;
    private final ConsistencyLevel writeLevel;
    private long last;
    private boolean restarting = true;

    public record Statements(PreparedStatement insert, PreparedStatement saveLast, PreparedStatement readLast,
                             PreparedStatement readAll) {
        public static Statements prepare(CqlSession session) {
            String rows = CqlSchema.KEYSPACE + ".sequence_rows";
            String last = CqlSchema.KEYSPACE + ".sequence_last";
            return new Statements(
                    session.prepare("INSERT INTO " + rows + " (run, writer, id, seq) VALUES (?, ?, ?, ?)"),
                    session.prepare("UPDATE " + last + " SET last_seq = ? WHERE run = ? AND writer = ?"),
                    session.prepare("SELECT last_seq FROM " + last + " WHERE run = ? AND writer = ?"),
                    session.prepare("SELECT seq FROM " + rows + " WHERE run = ? AND writer = ?"));
        }
    }

    public CqlSequenceWriter(CqlSession session, Statements statements, String run, int writer,
                             ConsistencyLevel readLevel, ConsistencyLevel writeLevel) {
        this.session = session;
        this.statements = statements;
        this.run = run;
        this.writer = writer;
        this.readLevel = readLevel;
        this.writeLevel = writeLevel;
    }

    public static String key(int writer) {
        return "w" + writer;
    }

    @Override
    public Outcome invoke(Invocation op) {
        return switch (op.f()) {
            case "append" -> append();
            case "read-all" -> readAll(Integer.parseInt(op.key().substring(1)));
            default -> throw new IllegalArgumentException("a sequence writer does append and read-all, not " + op.f());
        };
    }

    private Outcome append() {
        if (restarting) {
            try {
                Row row = session.execute(statements.readLast().bind(run, writer).setConsistencyLevel(readLevel)).one();
                last = row == null || row.isNull(0) ? 0 : row.getLong(0);
                restarting = false;
            } catch (DriverException e) {
                return DriverErrors.outcome(e, false, null);
            }
        }
        long seq = last + 1;
        try {
            session.execute(statements.insert().bind(run, writer, Uuids.timeBased(), seq).setConsistencyLevel(writeLevel));
        } catch (DriverException e) {
            restarting = true;
            return DriverErrors.outcome(e, true, seq);
        }
        try {
            session.execute(statements.saveLast().bind(seq, run, writer).setConsistencyLevel(writeLevel));
        } catch (DriverException e) {
            // the row is stored (acknowledged), its number is not: the restart will write it again
            restarting = true;
            return Outcome.ok(seq);
        }
        last = seq;
        return Outcome.ok(seq);
    }

    private Outcome readAll(int whose) {
        try {
            List<Long> seqs = new ArrayList<>();
            for (Row row : session.execute(statements.readAll().bind(run, whose).setConsistencyLevel(readLevel))) {
                seqs.add(row.getLong(0));
            }
            seqs.sort(null);
            return Outcome.ok(seqs);
        } catch (DriverException e) {
            return DriverErrors.outcome(e, false, null);
        }
    }
}
