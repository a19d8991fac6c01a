package dev.faultline.cluster.local;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;

/**
 * Everything the local backend does that needs root, and nothing else: the run's bridge, its nodes' namespaces and
 * veths, their iptables rules, processes started inside a namespace, and the cleanup of runs. A harness that is root
 * does it itself ({@link AsRoot}); any other asks the privileged helper it started through {@code sudo -n}
 * ({@link HelperClient}), which runs those processes as the harness's own user.
 */
sealed interface Privileged permits AsRoot, HelperClient {

    /** Bit 12 of the effective capability set. */
    long CAP_NET_ADMIN = 1L << 12;

    /**
     * This JVM's way to root, found once: itself when it holds CAP_NET_ADMIN, else a helper through passwordless sudo.
     * Without either, a {@link MissingPrerequisiteException} naming exactly what to set up.
     */
    static Privileged acquire() {
        return Holder.get();
    }

    /** Removes every run that has leftovers and no living owner. */
    List<Cleaner.Removed> cleanDeadRuns();

    /** Removes everything of one run (see {@link Cleaner#removeRun}). */
    Cleaner.Removed clean(String runId);

    void createBridge(RunNames names);

    void createNode(RunNames names, String node);

    /** Replaces the node's filter table (see {@link Network#block}). */
    void block(RunNames names, String node, Collection<String> addresses, Collection<String> inboundOnly);

    /** Caps what the node sends at {@code kbitPerSecond}; 0 gives it its full speed back (see {@link Network#slow}). */
    void shape(RunNames names, String node, int kbitPerSecond);

    /**
     * Starts {@code command} in the node's namespace with this JVM's environment plus {@code env}, output appended to
     * {@code logFile}, as this JVM's user. It dies with the privileged side, and carries the run's tag.
     */
    LaunchedProcess launch(RunNames names, String node, String processName, List<String> command, Map<String, String> env,
                           Path logFile);

    /** From now until {@link Watch#dismiss()}, a death of this JVM removes the run. */
    Watch watch(String runId);

    /** Cleans up after a harness that dies with a run open. */
    interface Watch {
        /** The harness removed the run itself: nothing left to watch. */
        void dismiss();
    }

    /** One per JVM: the helper process is started at most once, on first need. */
    final class Holder {
        private static Privileged instance;

        private Holder() {
        }

        static synchronized Privileged get() {
            if (instance == null) {
                instance = (Prerequisites.capabilities() & CAP_NET_ADMIN) != 0 ? new AsRoot() : HelperClient.start();
            }
            return instance;
        }
    }
}
