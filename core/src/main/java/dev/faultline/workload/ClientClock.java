package dev.faultline.workload;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A client's idea of the time, for the write timestamps Cassandra's last-write-wins compares.
 * Unskewed, it leaves timestamps to the driver (monotonic per session); skewed, it stamps writes
 * with the wall clock moved by the offset, as a client on a host with a wrong clock would.
 */
public final class ClientClock {

    private volatile long offsetMicros;

    public void skew(long micros) {
        offsetMicros = micros;
    }

    public boolean isSkewed() {
        return offsetMicros != 0;
    }

    /** Microseconds since the epoch, as this client believes. */
    public long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) + offsetMicros;
    }
}
