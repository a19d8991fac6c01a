package dev.faultline.printerfacts;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Creates the printerfacts schema and seeds it. Idempotent by construction rather than by a check:
 * "seed only if empty" needs a read, and a read at any level can be stale under a partition, which
 * would seed twice under fresh random keys. Instead each seed has a fixed timeuuid key and is written
 * with a fixed, old write timestamp, so re-running rewrites the very same cells and never wins over a
 * later update or delete of a seed (last write wins by timestamp).
 */
public final class Migrations {

    /** Seed i gets the timeuuid of this instant plus i milliseconds, and the same instant as write time. */
    static final Instant SEED_TIME = Instant.parse("2020-01-01T00:00:00Z");

    private Migrations() {}

    /** What a run did, for the command line to print. */
    public record Outcome(List<String> steps, List<String> warnings) {}

    public static Outcome run(CqlSession session, String datacenter, int replicationFactor) {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, not " + replicationFactor);
        }
        List<String> steps = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ddl(session, warnings, String.format(
                "CREATE KEYSPACE IF NOT EXISTS %s WITH replication = {'class': 'NetworkTopologyStrategy', '%s': %d}",
                FactStore.KEYSPACE, datacenter.replace("'", "''"), replicationFactor));
        steps.add("keyspace " + FactStore.KEYSPACE + " (NetworkTopologyStrategy, " + datacenter + ": " + replicationFactor + ")");
        replicationOf(session).ifPresent(actual -> {
            String wanted = Integer.toString(replicationFactor);
            if (!wanted.equals(actual.get(datacenter))) {
                warnings.add("keyspace " + FactStore.KEYSPACE + " already exists with replication " + actual
                        + ", not " + datacenter + ": " + replicationFactor + "; left unchanged (changing it needs a repair)");
            }
        });
        ddl(session, warnings, "CREATE TABLE IF NOT EXISTS " + FactStore.TABLE
                + " (key timeuuid PRIMARY KEY, fact text, kind text)");
        steps.add("table " + FactStore.TABLE);
        PreparedStatement insert = session.prepare("INSERT INTO " + FactStore.TABLE
                + " (key, fact, kind) VALUES (?, ?, ?) USING TIMESTAMP ?");
        for (int i = 0; i < SeedFacts.ALL.size(); i++) {
            FactInput seed = SeedFacts.ALL.get(i);
            session.execute(insert.bind(seedKey(i), seed.fact(), seed.kind(), seedWriteTime(i))
                    .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
        }
        steps.add(SeedFacts.ALL.size() + " seed facts (fixed keys and write times: re-runs change nothing)");
        return new Outcome(steps, warnings);
    }

    static UUID seedKey(int index) {
        return Uuids.startOf(SEED_TIME.toEpochMilli() + index);
    }

    private static long seedWriteTime(int index) {
        return TimeUnit.MILLISECONDS.toMicros(SEED_TIME.toEpochMilli() + index);
    }

    private static void ddl(CqlSession session, List<String> warnings, String cql) {
        ResultSet result = session.execute(SimpleStatement.newInstance(cql));
        if (!result.getExecutionInfo().isSchemaInAgreement()) {
            warnings.add("nodes did not agree on the schema in time after: " + cql);
        }
    }

    private static Optional<Map<String, String>> replicationOf(CqlSession session) {
        return session.getMetadata().getKeyspace(CqlIdentifier.fromCql(FactStore.KEYSPACE))
                .map(KeyspaceMetadata::getReplication);
    }
}
