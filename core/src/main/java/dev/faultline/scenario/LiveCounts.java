package dev.faultline.scenario;

import dev.faultline.history.OpType;
import dev.faultline.workload.Client;
import dev.faultline.workload.Outcome;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/** Outcome counts while a run goes, for its progress line. */
final class LiveCounts {

    private final LongAdder ok = new LongAdder();
    private final LongAdder fail = new LongAdder();
    private final LongAdder info = new LongAdder();

    Client counting(Client client) {
        return op -> {
            Outcome outcome = client.invoke(op);
            (outcome.type() == OpType.OK ? ok : outcome.type() == OpType.FAIL ? fail : info).increment();
            return outcome;
        };
    }

    String line(Consistency level, long elapsedNanos, Duration total, List<String> faults) {
        long done = Math.min(elapsedNanos / 1_000_000_000L, total.toSeconds());
        int width = 20;
        int filled = (int) (width * done / Math.max(1, total.toSeconds()));
        return String.format(Locale.ROOT, "%-6s [%s%s] %3ds/%ds  ok %d  fail %d  info %d  faults: %s",
                level, "#".repeat(filled), ".".repeat(width - filled), done, total.toSeconds(),
                ok.sum(), fail.sum(), info.sum(), faults.isEmpty() ? "none" : String.join(", ", faults));
    }
}
