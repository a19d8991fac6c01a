package dev.faultline.cluster.local;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import com.datastax.oss.driver.api.core.metadata.token.Token;
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
 * <p>Readiness is proved with real reads. {@code system_auth} is replicated with SimpleStrategy at factor 1, so
 * for every node X there is a role name whose only replica is X (its token falls in X's primary range). Reading
 * it at ONE through coordinator L succeeds only if L considers X alive and X answers: Cassandra says Unavailable at
 * once when L thinks X is down. Doing it for every pair (L, X) is what "every node sees every other as up" means to a
 * client, and it needs no schema change, which would cost seconds of schema agreement on every start.
 */
final class AdminSession implements AutoCloseable {

    private static final String PROBE = "SELECT role FROM system_auth.roles WHERE role = ?";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(60);

    private final Supplier<CqlSessionBuilder> sessions;
    private final Map<String, String> keyOwnedBy = new HashMap<>();
    private CqlSession session;
    /** Why the last readiness probe failed, for the message of a wait that runs out. */
    private volatile String lastProbeFailure = "no probe ran yet";

    AdminSession(Supplier<CqlSessionBuilder> sessions) {
        this.sessions = sessions;
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

    /** One schema statement through {@code coordinator}, given the time schema changes take on a loaded machine. */
    void executeSchema(LocalNode coordinator, String statement) {
        Node via = driverNode(coordinator).orElseThrow(() -> new IllegalStateException("driver does not know " + coordinator.name()));
        session().execute(SimpleStatement.newInstance(statement).setNode(via).setTimeout(SCHEMA_TIMEOUT));
    }

    /** Drops every keyspace except Cassandra's own, through {@code coordinator}. */
    void dropUserKeyspaces(LocalNode coordinator) {
        session().execute("SELECT keyspace_name FROM system_schema.keyspaces").all().stream()
                .map(row -> row.getString("keyspace_name"))
                .filter(name -> !name.startsWith("system"))
                .forEach(name -> executeSchema(coordinator, "DROP KEYSPACE IF EXISTS \"" + name + "\""));
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

    /** True when every coordinator reads a key owned by each target, and vice versa; else remembers why not. */
    synchronized boolean allSeeEachOther(List<LocalNode> coordinators, List<LocalNode> targets) {
        for (LocalNode coordinator : coordinators) {
            for (LocalNode target : targets) {
                try {
                    probe(coordinator, target);
                } catch (RuntimeException e) {
                    lastProbeFailure = coordinator.name() + " reading a row only " + target.name() + " holds: " + e.getMessage();
                    return false;
                }
            }
        }
        return true;
    }

    String lastProbeFailure() {
        return lastProbeFailure;
    }

    /**
     * Drops the session, so that the next probe starts from a fresh view of the ring: a driver that connected
     * while gossip was still settling can keep a node list or token map that no event ever corrects.
     */
    synchronized void reconnect() {
        close();
        session = null;
        keyOwnedBy.clear();
    }

    private void probe(LocalNode coordinator, LocalNode target) {
        Node via = driverNode(coordinator).orElseThrow(() -> new IllegalStateException("the driver does not know " + coordinator.name()));
        session().execute(SimpleStatement.newInstance(PROBE, keyOwnedBy(target))
                .setConsistencyLevel(ConsistencyLevel.ONE)
                .setNode(via)
                .setTimeout(PROBE_TIMEOUT));
    }

    private Optional<Node> driverNode(LocalNode node) {
        return session().getMetadata().getNodes().values().stream()
                .filter(n -> node.cqlAddress().equals(n.getEndPoint().resolve()))
                .findFirst();
    }

    /**
     * A probe role name whose token lies in {@code target}'s primary range in the driver's current token map;
     * the remembered one is checked again, since the map changes while nodes join.
     */
    private String keyOwnedBy(LocalNode target) {
        TokenMap tokens = session().getMetadata().getTokenMap()
                .orElseThrow(() -> new IllegalStateException("the driver has no token map yet"));
        Node owner = driverNode(target).orElseThrow(() -> new IllegalStateException("the driver does not know " + target.name()));
        String known = keyOwnedBy.get(target.name());
        if (known != null && owns(tokens, owner, known)) {
            return known;
        }
        for (int i = 0; i < 100_000; i++) {
            String key = "faultline-probe-" + i;
            if (owns(tokens, owner, key)) {
                keyOwnedBy.put(target.name(), key);
                return key;
            }
        }
        throw new IllegalStateException("no probe key falls in the ranges of " + target.name() + " in the driver's token map");
    }

    private static boolean owns(TokenMap tokens, Node owner, String key) {
        Token token = tokens.newToken(TypeCodecs.TEXT.encode(key, ProtocolVersion.DEFAULT));
        return tokens.getTokenRanges(owner).stream().anyMatch(range -> range.contains(token));
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
        }
    }
}
