package dev.faultline.cluster;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Cassandra settings every backend gives its nodes, so that a run's results compare across backends: the same
 * timeouts (a 2 s read timeout decides when an op is info), the same ring delay, the same placement of keys. Each
 * backend adds only what is its own (addresses, directories, seeds, memory).
 */
public final class CassandraSettings {

    public static final String DATA_CENTER = "datacenter1";

    /** What a wait for a node to see another down lasts, and why, for a reader of a lesson's report. */
    public static final String CONVICTION = "A wait until a node sees another down lasts as long as its failure detector"
            + " takes to convict the silent peer: about 7 s on Faultline's clusters, which take the interval between a"
            + " peer's heartbeats as 400 ms; Cassandra's default learns it from gossip's one-second rounds and convicts"
            + " after about 18 s. Nothing else in the lesson depends on how long that takes.";

    private CassandraSettings() {
    }

    /** cassandra.yaml's shared keys and values, in a stable order; {@code initial_token} is per node ({@link #initialToken}). */
    public static Map<String, String> yaml() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("num_tokens", "1");
        settings.put("partitioner", "org.apache.cassandra.dht.Murmur3Partitioner");
        // every node of a fresh cluster owns its evenly spaced token from the start: nothing to stream
        settings.put("auto_bootstrap", "false");
        settings.put("endpoint_snitch", "GossipingPropertyFileSnitch");
        settings.put("read_request_timeout", "2000ms");
        settings.put("write_request_timeout", "2000ms");
        // a counter update times out as other writes do, before the driver's own 5 s, so it is a WriteTimeout
        settings.put("counter_write_request_timeout", "2000ms");
        settings.put("range_request_timeout", "5000ms");
        settings.put("request_timeout", "5000ms");
        settings.put("hinted_handoff_enabled", "true");
        settings.put("max_hint_window", "3h");
        // a dropped keyspace is not snapshotted first (a flush of each of its tables on every node): a reset between
        // test classes drops every user keyspace, and a harness cluster's data is thrown away with it
        settings.put("auto_snapshot", "false");
        settings.put("commitlog_sync", "periodic");
        settings.put("commitlog_sync_period", "10000ms");
        return settings;
    }

    /**
     * JVM system properties: the default ring delay sleeps 30 s per boot; one second is plenty on one network. The
     * ring delay also sets, by default, how long a peer that has no tokens yet may be silent before gossip drops it as
     * a fat client, and from the seeds with it (half the quarantine, twice the ring delay): with 1 s a node starting
     * on a loaded machine was dropped for good by a peer that started first. The quarantine is set apart for that.
     */
    public static Map<String, String> systemProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("cassandra.ring_delay_ms", "1000");
        properties.put("cassandra.gossip_quarantine_delay_ms", "60000");
        // A node convicts a silent peer after about 7.4 s, where Cassandra's default takes about 18 s: the failure
        // detector (phi accrual, convicting at phi 8, phi = 0.434 × silence / mean interval) takes the mean interval
        // between a peer's heartbeats as fixed at 400 ms instead of learning it from gossip's one-second rounds (every
        // measured interval is above the 1 ms maximum, so none is kept). Faults that wait for a conviction, as lessons
        // do, wait that long; a peer heard every second keeps phi near 1.
        properties.put("cassandra.fd_initial_value_ms", "400");
        properties.put("cassandra.fd_max_interval_ms", "1");
        properties.put("cassandra.skip_wait_for_gossip_to_settle", "0");
        properties.put("cassandra.superuser_setup_delay_ms", "0");
        return properties;
    }

    /**
     * The token of node {@code index} (0-based) of {@code nodes}: evenly spaced over Murmur3's ring, one
     * each, so a key lands on the same replicas on every run and the same seed gives the same placement.
     */
    public static String initialToken(int index, int nodes) {
        BigInteger span = BigInteger.TWO.pow(64).divide(BigInteger.valueOf(nodes));
        return BigInteger.TWO.pow(63).negate().add(span.multiply(BigInteger.valueOf(index))).toString();
    }
}
