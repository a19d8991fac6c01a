package dev.faultline.cluster;

/** What the harness last did to a node; faults move a node between these states. */
public enum NodeState {
    /** Process running and serving (or being started). */
    UP,
    /** SIGSTOP: the process exists but runs no code until resumed. */
    PAUSED,
    /** SIGKILL: gone without flushing anything; restart replays its commit log. */
    KILLED,
    /** Cassandra's own drain, then stopped: memtables flushed, clean shutdown. */
    DRAINED,
    /** Stopped with the cluster. */
    STOPPED
}
