package dev.faultline.printerfacts;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** How every printerfacts part (server, migrations, bench) connects to Cassandra. */
public final class CassandraSessions {

    /**
     * Longer than Cassandra's own read/write timeouts (2 s in our clusters, 5 s by default), so a
     * client sees Cassandra's typed ReadTimeout/WriteTimeout (with replica counts) rather than the
     * driver giving up first with a bare DriverTimeoutException.
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(12);

    private CassandraSessions() {}

    public static CqlSession open(List<InetSocketAddress> contactPoints, String datacenter) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
                // Schema changes in migrations wait for every node to agree; a cold cluster can be slow.
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
                // After a partition heals or a node restarts the app should use it again within seconds;
                // the default backoff (up to 60 s) would hide recovery from what clients measure.
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(200))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(2))
                // Notice a silently cut connection (iptables DROP sends no reset) in seconds, not 30 s.
                .withDuration(DefaultDriverOption.HEARTBEAT_INTERVAL, Duration.ofSeconds(3))
                .withDuration(DefaultDriverOption.HEARTBEAT_TIMEOUT, Duration.ofSeconds(2))
                .build();
        return CqlSession.builder()
                .addContactPoints(contactPoints)
                .withLocalDatacenter(datacenter)
                .withConfigLoader(config)
                .build();
    }
}
