package dev.faultline.run;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import dev.faultline.workload.Client;

/**
 * Opens one client of the test's own for one client thread, over the run's session (connected to the cluster,
 * in the test's keyspace when it names one) at the level the run is at: Jepsen's {@code open!}.
 */
@FunctionalInterface
public interface ClientFactory {

    Client open(CqlSession session, ConsistencyLevel level);
}
