package dev.faultline.cluster;

import java.net.URI;
import java.util.List;

/** The printerfacts replicas a cluster serves, by URL; closing stops the replicas that were started for it. */
public interface PrinterfactsReplicas extends AutoCloseable {

    List<URI> urls();

    @Override
    void close();

    /** No replicas: for a run whose workload does not go through printerfacts. */
    static PrinterfactsReplicas none() {
        return of(List.of());
    }

    /** Replicas someone else runs (a Kubernetes Deployment): closing leaves them as they are. */
    static PrinterfactsReplicas of(List<URI> urls) {
        List<URI> copy = List.copyOf(urls);
        return new PrinterfactsReplicas() {
            @Override
            public List<URI> urls() {
                return copy;
            }

            @Override
            public void close() {
            }
        };
    }
}
