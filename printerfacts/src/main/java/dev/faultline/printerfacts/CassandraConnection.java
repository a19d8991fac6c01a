package dev.faultline.printerfacts;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to Cassandra in the background and keeps trying until the schema is there, so the HTTP
 * server can start (and answer /healthz) before Cassandra or the migrations are ready, as pods do on
 * Kubernetes; /readyz says when it is ready.
 */
public final class CassandraConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraConnection.class);
    private static final long FIRST_RETRY_MS = 500;
    private static final long MAX_RETRY_MS = 5_000;

    private final List<InetSocketAddress> contactPoints;
    private final String datacenter;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "cassandra-connector");
        thread.setDaemon(true);
        return thread;
    });
    private volatile CqlSession session;
    private volatile FactStore store;
    private volatile String lastFailure = "connecting";

    private CassandraConnection(List<InetSocketAddress> contactPoints, String datacenter) {
        this.contactPoints = List.copyOf(contactPoints);
        this.datacenter = datacenter;
    }

    /** Starts connecting in the background and returns at once. */
    public static CassandraConnection start(List<InetSocketAddress> contactPoints, String datacenter) {
        CassandraConnection connection = new CassandraConnection(contactPoints, datacenter);
        connection.connector.execute(() -> connection.attempt(FIRST_RETRY_MS));
        return connection;
    }

    /** The store once connected and prepared. */
    public Optional<FactStore> store() {
        return Optional.ofNullable(store);
    }

    /** Why {@link #store()} is empty, for /readyz and 503 bodies. */
    public String notReadyReason() {
        return lastFailure;
    }

    private void attempt(long retryMs) {
        try {
            if (session == null) {
                session = CassandraSessions.open(contactPoints, datacenter);
            }
            store = FactStore.prepare(session);
            LOG.info("connected to Cassandra at {} and prepared statements", contactPoints);
        } catch (RuntimeException e) {
            lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warn("Cassandra not ready ({}); retrying in {} ms", lastFailure, retryMs);
            if (!connector.isShutdown()) {
                connector.schedule(() -> attempt(Math.min(retryMs * 2, MAX_RETRY_MS)), retryMs, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void close() {
        connector.shutdownNow();
        try {
            connector.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CqlSession open = session;
        if (open != null) {
            open.close();
        }
    }
}
