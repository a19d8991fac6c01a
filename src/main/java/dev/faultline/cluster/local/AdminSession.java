package dev.faultline.cluster.local;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The harness's own driver session: readiness probes, schema agreement and data resets.
 *
 * <p>Readiness is proved with real writes, that nodes see each other up. The probe keyspace has replication factor 1, and
 * for every node X there is a key whose only replica is X. A write of that key at ONE through coordinator L
 * succeeds only if L considers X alive and X serves it: Cassandra answers Unavailable at once when L thinks X
 * is down. Doing it for every pair (L, X) is what "every node sees every other as up" means to a client.
 */
final class AdminSession implements AutoCloseable {

    static final String KEYSPACE = "faultline_probe";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final Supplier<CqlSessionBuilder> sessions;
    private final List<LocalNode> nodes;
    private final Map<String, Integer> keyOwnedBy = new HashMap<>();
    private CqlSession session;

    AdminSession(Supplier<CqlSessionBuilder> sessions, List<LocalNode> nodes) {
        this.sessions = sessions;
        this.nodes = nodes;
    }

    static boolean portOpen(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private synchronized CqlSession session() {
        if (session == null) {
            session = sessions.get().build();
        }
        return session;
    }

    /** The keyspace only the harness writes to; user resets leave it alone. */
    void createProbeKeyspace() {
        CqlSession s = session();
        s.execute("CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        s.execute("CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".probe (k int PRIMARY KEY, at bigint)");
    }

    /** Drops every keyspace except Cassandra's system ones and the probe keyspace. */
    void dropUserKeyspaces() {
        CqlSession s = session();
        List<String> keyspaces = s.execute("SELECT keyspace_name FROM system_schema.keyspaces").all().stream()
                .map(row -> row.getString("keyspace_name"))
                .filter(name -> !name.startsWith("system") && !name.equals(KEYSPACE))
                .toList();
        keyspaces.forEach(name -> s.execute("DROP KEYSPACE IF EXISTS \"" + name + "\""));
    }

    /** True when every running node reports the same schema version in its own system.local. */
    boolean schemaAgreed(List<LocalNode> running) {
        Set<UUID> versions = new HashSet<>();
        for (LocalNode node : running) {
            Optional<Node> via = driverNode(node);
            if (via.isEmpty()) {
                return false;
            }
            versions.add(session().execute(SimpleStatement.newInstance("SELECT schema_version FROM system.local")
                    .setNode(via.get()).setTimeout(PROBE_TIMEOUT)).one().getUuid("schema_version"));
        }
        return versions.size() == 1;
    }

    /** True when every coordinator writes successfully to a key owned by each target and vice versa. */
    synchronized boolean allSeeEachOther(List<LocalNode> coordinators, List<LocalNode> targets) {
        for (LocalNode coordinator : coordinators) {
            for (LocalNode target : targets) {
                if (!probe(coordinator, target)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean probe(LocalNode coordinator, LocalNode target) {
        Optional<Node> via = driverNode(coordinator);
        if (via.isEmpty()) {
            return false;
        }
        int key = keyOwnedBy(target);
        session().execute(SimpleStatement.newInstance("INSERT INTO " + KEYSPACE + ".probe (k, at) VALUES (?, ?)",
                        key, System.currentTimeMillis())
                .setConsistencyLevel(ConsistencyLevel.ONE)
                .setNode(via.get())
                .setTimeout(PROBE_TIMEOUT));
        return true;
    }

    private Optional<Node> driverNode(LocalNode node) {
        return session().getMetadata().getNodes().values().stream()
                .filter(n -> node.cqlAddress().equals(n.getEndPoint().resolve()))
                .findFirst();
    }

    /** The first key whose single replica is {@code target}, from the driver's token map. */
    private int keyOwnedBy(LocalNode target) {
        return keyOwnedBy.computeIfAbsent(target.name(), name -> {
            TokenMap tokens = session().getMetadata().getTokenMap()
                    .orElseThrow(() -> new IllegalStateException("driver has no token map yet"));
            Node owner = driverNode(target).orElseThrow(() -> new IllegalStateException("driver does not know " + name));
            for (int key = 0; key < 100_000; key++) {
                Set<Node> replicas = tokens.getReplicas(CqlIdentifier.fromCql(KEYSPACE),
                        TypeCodecs.INT.encode(key, ProtocolVersion.DEFAULT));
                if (replicas.equals(Set.of(owner))) {
                    return key;
                }
            }
            throw new IllegalStateException("no probe key is owned by " + name);
        });
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
        }
    }
}
