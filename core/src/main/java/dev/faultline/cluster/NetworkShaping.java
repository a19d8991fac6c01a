package dev.faultline.cluster;

/**
 * A cluster that can slow what a node sends: the {@link Capability#SLOW_NETWORK} a backend offers, as Jepsen's DB
 * offers Kill or Pause. A backend's cluster implements it exactly when the backend lists the capability, so a fault
 * that needs it (refused before anything starts where it is missing) finds it.
 */
public interface NetworkShaping {

    /** Caps what {@code node} sends at {@code kbitPerSecond}; returns once the cap is in place. */
    void slowNetwork(String node, int kbitPerSecond);

    /** The node's network back to full speed; a node not slowed is left as it is. */
    void restoreNetwork(String node);

    /** The shaping {@code cluster} offers, or an error naming what it lacks. */
    static NetworkShaping of(Cluster cluster) {
        if (cluster instanceof NetworkShaping shaping) {
            return shaping;
        }
        throw new IllegalStateException("the '" + cluster.backendName() + "' backend cannot " + Capability.SLOW_NETWORK.what());
    }
}
