package dev.faultline.printerfacts;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PagingState;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The facts table through prepared statements: each is prepared once, and every request binds it and
 * sets its own consistency level on the bound statement.
 */
public final class FactStore {

    public static final String KEYSPACE = "pfacts";
    public static final String TABLE = KEYSPACE + ".facts";

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement delete;
    private final PreparedStatement selectOne;
    private final PreparedStatement selectFromToken;
    private final PreparedStatement selectFirst;
    private final PreparedStatement selectKeys;
    private final PreparedStatement ping;

    private FactStore(CqlSession session) {
        this.session = session;
        insert = session.prepare("INSERT INTO " + TABLE + " (key, fact, kind) VALUES (?, ?, ?)");
        // PUT is a blind upsert, as in the lab's app: UPDATE creates the row when it is missing.
        update = session.prepare("UPDATE " + TABLE + " SET fact = ?, kind = ? WHERE key = ?");
        delete = session.prepare("DELETE FROM " + TABLE + " WHERE key = ?");
        selectOne = session.prepare("SELECT key, fact, kind FROM " + TABLE + " WHERE key = ?");
        selectFromToken = session.prepare("SELECT key, fact, kind FROM " + TABLE + " WHERE token(key) >= ? LIMIT 1");
        selectFirst = session.prepare("SELECT key, fact, kind FROM " + TABLE + " LIMIT 1");
        selectKeys = session.prepare("SELECT key FROM " + TABLE);
        ping = session.prepare("SELECT release_version FROM system.local");
    }

    /** Prepares every statement; fails (with the driver's exception) while the schema is missing. */
    public static FactStore prepare(CqlSession session) {
        return new FactStore(session);
    }

    public UUID insert(FactInput input, ConsistencyLevel level) {
        UUID key = Uuids.timeBased();
        session.execute(bind(insert, level, key, input.fact(), input.kind()));
        return key;
    }

    public void upsert(UUID key, FactInput input, ConsistencyLevel level) {
        session.execute(bind(update, level, input.fact(), input.kind(), key));
    }

    public void delete(UUID key, ConsistencyLevel level) {
        session.execute(bind(delete, level, key));
    }

    public Optional<Fact> find(UUID key, ConsistencyLevel level) {
        return Optional.ofNullable(session.execute(bind(selectOne, level, key)).one()).map(FactStore::fact);
    }

    /**
     * A fact picked at random without scanning the table: the first row at or after a random token,
     * wrapping round to the first row of the ring. Facts that follow a long token gap are picked more
     * often, which is fine for a fact of the day.
     */
    public Optional<Fact> random(ConsistencyLevel level) {
        long token = ThreadLocalRandom.current().nextLong();
        Row row = session.execute(bind(selectFromToken, level, token)).one();
        if (row == null) {
            row = session.execute(bind(selectFirst, level)).one();
        }
        return Optional.ofNullable(row).map(FactStore::fact);
    }

    /**
     * One page of the table's keys: at most {@code limit}, from where {@code page} (the token of the page before, or
     * null for the first) left off. The token is the driver's safe paging state, which names its own query.
     *
     * @throws IllegalArgumentException when {@code page} is the token of another query
     */
    public KeyPage keys(ConsistencyLevel level, int limit, PagingState page) {
        BoundStatement statement = bind(selectKeys, level).setPageSize(limit);
        if (page != null) {
            statement = statement.setPagingState(page, session);
        }
        ResultSet rows = session.execute(statement);
        // this page only: iterating on would fetch the next one
        int fetched = rows.getAvailableWithoutFetching();
        List<UUID> keys = new ArrayList<>(fetched);
        for (int i = 0; i < fetched; i++) {
            keys.add(rows.one().getUuid(0));
        }
        PagingState next = rows.getExecutionInfo().getSafePagingState();
        return new KeyPage(keys, next == null ? null : next.toString());
    }

    /** A page of keys, and the token of the next page (null after the last). */
    public record KeyPage(List<UUID> keys, String nextPage) {}

    /** Whether a Cassandra node answers at all, within {@code timeout}. Throws the driver's error if not. */
    public void ping(Duration timeout) {
        session.execute(ping.bind().setConsistencyLevel(ConsistencyLevel.ONE).setTimeout(timeout));
    }

    /**
     * Every statement here is idempotent (keys are generated before the write, no counters, no list
     * appends, no LWT), and saying so lets the driver retry on another node when a connection breaks
     * mid-request instead of failing a write that a live replica could take.
     */
    private static BoundStatement bind(PreparedStatement statement, ConsistencyLevel level, Object... values) {
        return statement.bind(values).setConsistencyLevel(level).setIdempotent(true);
    }

    private static Fact fact(Row row) {
        return new Fact(row.getUuid("key"), row.getString("fact"), row.getString("kind"));
    }
}
