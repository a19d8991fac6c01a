package dev.faultline.cluster.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers which cluster the first IT class of a topology got, so the next ones can check they share it. */
final class SharedClusters {

    private static final Map<String, String> FIRST_RUN = new ConcurrentHashMap<>();

    private SharedClusters() {
    }

    static String runIdFor(String topology, String runId) {
        return FIRST_RUN.computeIfAbsent(topology, t -> runId);
    }
}
