package dev.faultline.nemesis;

import java.time.Duration;
import java.util.List;

/** Faults as concrete events on the run's clock, in the order they start. */
public record Schedule(List<Planned> faults) {

    /** A fault injected at {@code at} and healed at {@code healAt} (the run's end when it has no heal time). */
    public record Planned(Duration at, Duration healAt, Fault fault) {
    }
}
