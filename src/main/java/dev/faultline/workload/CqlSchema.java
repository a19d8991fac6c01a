package dev.faultline.workload;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import java.time.Duration;

/**
 * The workloads' keyspace and tables. Every row carries the run's tag in its partition key, so
 * runs share tables without a reset between them (TRUNCATE would need every replica up).
 */
public final class CqlSchema {

    public static final String KEYSPACE = "faultline";

    private CqlSchema() {
    }

    public static void create(CqlSession session, String datacenter, int replicationFactor) {
        execute(session, "CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE + " WITH replication = "
                + "{'class': 'NetworkTopologyStrategy', '" + datacenter + "': " + replicationFactor + "}");
        execute(session, "CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".registers "
                + "(run text, key text, value bigint, PRIMARY KEY ((run, key)))");
        execute(session, "CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".sets "
                + "(run text, bucket int, element bigint, PRIMARY KEY ((run, bucket), element))");
        execute(session, "CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".sequence_rows "
                + "(run text, writer int, id timeuuid, seq bigint, PRIMARY KEY ((run, writer), id))");
        execute(session, "CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".sequence_last "
                + "(run text, writer int, last_seq bigint, PRIMARY KEY ((run, writer)))");
        // schema changes travel by gossip; a client must not race them
        session.checkSchemaAgreement();
    }

    private static void execute(CqlSession session, String cql) {
        session.execute(SimpleStatement.newInstance(cql)
                .setConsistencyLevel(ConsistencyLevel.ALL)
                .setTimeout(Duration.ofSeconds(30)));
    }
}
