package dev.faultline.workload;

/**
 * The workloads' keyspace and tables. Every row carries the run's tag, so runs share tables without a
 * reset between them (TRUNCATE would need every replica up). Registers are partitioned by key alone,
 * the run a clustering column: with the local backend's fixed tokens a key lands on the same replicas
 * on every run, so the same seed gives the same placement.
 */
public final class CqlSchema {

    public static final String KEYSPACE = "faultline";
    /** Registers for lessons: no speculative retry, so a read asks exactly the replica its coordinator ranks first. */
    public static final String LESSON_REGISTERS = "lesson_registers";
    /** Counters: a counter table holds nothing but counters besides its key. */
    public static final String COUNTERS = "counters";

    private CqlSchema() {
    }

    /** The statements, to run through {@code Cluster.createSchema}: one coordinator, agreement after each. */
    public static String[] statements(String datacenter, int replicationFactor) {
        return new String[] {
            "CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE + " WITH replication = "
                    + "{'class': 'NetworkTopologyStrategy', '" + datacenter + "': " + replicationFactor + "}",
            "CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".registers "
                    + "(key text, run text, value bigint, PRIMARY KEY ((key), run))",
            "CREATE TABLE IF NOT EXISTS " + KEYSPACE + "." + LESSON_REGISTERS + " "
                    + "(key text, run text, value bigint, PRIMARY KEY ((key), run)) WITH speculative_retry = 'NONE'",
            "CREATE TABLE IF NOT EXISTS " + KEYSPACE + "." + COUNTERS + " "
                    + "(key text, run text, value counter, PRIMARY KEY ((key), run))",
            "CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".sets "
                    + "(run text, bucket int, element bigint, PRIMARY KEY ((run, bucket), element))",
            "CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".sequence_rows "
                    + "(run text, writer int, id timeuuid, seq bigint, PRIMARY KEY ((run, writer), id))",
            "CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".sequence_last "
                    + "(run text, writer int, last_seq bigint, PRIMARY KEY ((run, writer)))"};
    }
}
