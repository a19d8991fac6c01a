package dev.faultline.junit;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.Availability;
import dev.faultline.checker.CheckerResult;
import dev.faultline.checker.Finding;
import dev.faultline.checker.LinearizabilityResult;
import dev.faultline.checker.SessionGuarantees;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.JsonlHistory;
import dev.faultline.history.Operation;
import dev.faultline.report.Latencies;
import dev.faultline.report.RunReport;
import dev.faultline.scenario.LevelResult;
import org.assertj.core.api.AbstractAssert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * AssertJ assertions on one consistency level's result, read as sentences and failing with what the run showed:
 * the anomaly's name, the checker's explanation in a line or two, and the report.html that draws it.
 * {@code assertThat(run.at(QUORUM)).isLinearizable().hasAvailabilityOutsideFaultsOfAtLeast(95)}, from
 * {@link FaultlineAssertions#assertThat(LevelResult)}.
 */
public final class LevelResultAssert extends AbstractAssert<LevelResultAssert, LevelResult> {

    /** An explanation longer than this is cut: the report has the whole of it. */
    private static final int EXPLANATION_CHARS = 320;

    LevelResultAssert(LevelResult actual) {
        super(actual, LevelResultAssert.class);
    }

    /** Some order of the ops, each taking effect between its call and its return, is legal for the model. */
    public LevelResultAssert isLinearizable() {
        return hasVerdict(Verdict.LINEARIZABLE);
    }

    /** The linearizability checker found at least one anomaly. */
    public LevelResultAssert isNotLinearizable() {
        return hasVerdict(Verdict.NOT_LINEARIZABLE);
    }

    /** Every checker the run declared found nothing wrong. */
    public LevelResultAssert isValid() {
        isNotNull();
        if (actual.validity() != Validity.VALID) {
            fail("every check to hold", actual.checks().stream().filter(c -> c.validity() != Validity.VALID)
                    .map(c -> c.checker() + " said " + c.validity() + ": " + c.summary()).toList(), firstFinding());
        }
        return this;
    }

    /** A read returned a value older than one a completed write had already replaced. */
    public LevelResultAssert hasStaleRead() {
        return hasAnomaly("stale-read");
    }

    public LevelResultAssert hasNoStaleRead() {
        return hasNoAnomaly("stale-read");
    }

    /** A write was acknowledged, and the final read does not hold it. */
    public LevelResultAssert hasLostWrite() {
        return hasAnomaly("lost-write");
    }

    /** An overwrite lost to an older one by its timestamp (last-write-wins with clocks apart). */
    public LevelResultAssert hasLostUpdate() {
        return hasAnomaly(Anomaly.Kind.LOST_UPDATE_LWW.id());
    }

    /** A counter holds more than every increment that may have happened: one was counted twice. */
    public LevelResultAssert countedTwice() {
        return hasAnomaly("double-counted");
    }

    public LevelResultAssert countedNothingTwice() {
        return hasNoAnomaly("double-counted");
    }

    /** Some client did not see its own completed write. */
    public LevelResultAssert brokeReadYourWrites() {
        return hasAnomaly(SessionGuarantees.Guarantee.READ_YOUR_WRITES.id());
    }

    public LevelResultAssert keptReadYourWrites() {
        return hasNoAnomaly(SessionGuarantees.Guarantee.READ_YOUR_WRITES.id());
    }

    /** Some client's reads went back in time. */
    public LevelResultAssert brokeMonotonicReads() {
        return hasAnomaly(SessionGuarantees.Guarantee.MONOTONIC_READS.id());
    }

    /**
     * Some checker found an anomaly of {@code kind}, as findings name it: {@code stale-read}, {@code lost-write},
     * {@code double-counted}, {@code lost-increments}, {@code read-your-writes}, {@code not-linearizable}…
     */
    public LevelResultAssert hasAnomaly(String kind) {
        isNotNull();
        if (findings(kind).isEmpty()) {
            List<String> found = findings(null).stream().map(Finding::kind).distinct().toList();
            failWithMessage("expected a %s at %s, but the checkers found %s%s", kind, actual.level(),
                    found.isEmpty() ? "no anomaly (" + summaries() + ")" : "only " + String.join(", ", found), see());
        }
        return this;
    }

    /** No checker found an anomaly of {@code kind}. */
    public LevelResultAssert hasNoAnomaly(String kind) {
        isNotNull();
        List<Finding> found = findings(kind);
        if (!found.isEmpty()) {
            fail("no " + kind, List.of(found.size() + " found"), found.get(0));
        }
        return this;
    }

    /** No checker found any anomaly. */
    public LevelResultAssert hasNoAnomalies() {
        isNotNull();
        List<Finding> found = findings(null);
        if (!found.isEmpty()) {
            fail("no anomaly", List.of(found.size() + " found"), found.get(0));
        }
        return this;
    }

    /** Of every op, at least {@code percent} % were answered (ok, or a failed cas whose value differed). */
    public LevelResultAssert hasAvailabilityOfAtLeast(double percent) {
        return hasAvailability(percent, Availability::total, "of all ops");
    }

    /** Of the ops while a fault was in place, at least {@code percent} % were answered. */
    public LevelResultAssert hasAvailabilityInsideFaultsOfAtLeast(double percent) {
        return hasAvailability(percent, Availability::insideFaults, "while a fault was in place");
    }

    public LevelResultAssert hasAvailabilityOutsideFaultsOfAtLeast(double percent) {
        return hasAvailability(percent, Availability::outsideFaults, "outside fault windows");
    }

    private LevelResultAssert hasAvailability(double percent, Function<Availability, Availability.Counts> part, String where) {
        isNotNull();
        double seen = part.apply(actual.availability()).percentAvailable();
        if (Double.isNaN(seen)) {
            failWithMessage("no op ran %s at %s, so availability there cannot be told", where, actual.level());
        } else if (seen < percent) {
            failWithMessage("expected at least %.1f%% of ops answered %s at %s, but %.1f%% were%s",
                    percent, where, actual.level(), seen, see());
        }
        return this;
    }

    /**
     * Of the ops that returned (ok or failed; an indeterminate one never returned), the share {@code percentile}
     * (such as 99) took at most {@code max} from call to return, read from the level's history.
     */
    public LevelResultAssert hasLatencyAtPercentileOfAtMost(double percentile, Duration max) {
        isNotNull();
        if (percentile <= 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile is " + percentile + "; allowed: more than 0 up to 100");
        }
        double[] millis = Latencies.completedMillis(JsonlHistory.read(actual.history(), w -> { }).operations());
        double seen = Latencies.quantile(millis, percentile / 100);
        if (Double.isNaN(seen)) {
            failWithMessage("no op returned at %s, so its latency cannot be told", actual.level());
        } else if (seen > max.toNanos() / 1e6) {
            failWithMessage("expected p%s latency at %s of at most %d ms, but it was %.1f ms over %d ops%s",
                    percentile == Math.rint(percentile) ? String.valueOf((long) percentile) : String.valueOf(percentile), actual.level(), max.toMillis(), seen, millis.length, see());
        }
        return this;
    }

    public LevelResultAssert lostNoWrites() {
        isNotNull();
        if (actual.lostWrites() == null) {
            failWithMessage("%s ran a workload without a final read, so lost writes cannot be told", actual.level());
        } else if (!actual.lostWrites().lost().isEmpty()) {
            failWithMessage("expected no lost writes at %s, but these acknowledged writes were lost: %s%s",
                    actual.level(), actual.lostWrites().lost(), see());
        }
        return this;
    }

    /** Read-your-writes and monotonic reads held for every client (register workloads). */
    public LevelResultAssert keptSessionGuarantees() {
        return checkerSaid(SessionGuarantees.NAME, Validity.VALID);
    }

    /** Some client lost sight of its own write, or its reads went back in time. */
    public LevelResultAssert brokeSessionGuarantees() {
        return checkerSaid(SessionGuarantees.NAME, Validity.INVALID);
    }

    /** The named checker (such as {@code counter}) answered {@code wanted}. */
    public LevelResultAssert checkerSaid(String checker, Validity wanted) {
        isNotNull();
        CheckerResult result = actual.check(checker).orElse(null);
        if (result == null) {
            failWithMessage("%s ran no %s checker; its workload declared %s", actual.level(), checker,
                    actual.checks().stream().map(CheckerResult::checker).toList());
        } else if (result.validity() != wanted) {
            fail(checker + " to say " + wanted, List.of("it said " + result.validity() + ": " + result.summary()),
                    result.findings().isEmpty() ? null : result.findings().get(0));
        }
        return this;
    }

    public LevelResultAssert metItsExpectations() {
        isNotNull();
        if (!actual.expectationsHeld()) {
            failWithMessage("expectations at %s did not hold: %s%s", actual.level(), actual.unmet(), see());
        }
        return this;
    }

    private LevelResultAssert hasVerdict(Verdict wanted) {
        isNotNull();
        if (actual.linearizability() == null) {
            failWithMessage("%s ran no linearizability check; its checks were %s", actual.level(),
                    actual.checks().stream().map(CheckerResult::checker).toList());
        } else if (actual.linearizability().verdict() != wanted) {
            fail(wanted.name(), List.of("the checker said " + actual.linearizability().verdict()),
                    actual.check(LinearizabilityResult.NAME).map(c -> c.findings().isEmpty() ? null : c.findings().get(0))
                            .orElse(null));
        }
        return this;
    }

    /**
     * "expected LINEARIZABLE at ONE, but the checker said NOT_LINEARIZABLE: Stale read by op #10 (process 4: read k1 1)
     * — key k1: After the ops above … (and 2 more) see …/report.html".
     */
    private void fail(String expected, List<String> what, Finding first) {
        long more = first == null ? 0 : findings(null).size() - 1;
        String anomaly = first == null ? "" : ": " + first.title() + offending(first) + " — " + shorten(first.sentence())
                + (more > 0 ? " (and " + more + " more)" : "");
        failWithMessage("expected %s at %s, but %s%s%s", expected, actual.level(), String.join("; ", what), anomaly, see());
    }

    /** " by op #10 (process 4: read k1 1)": the op that shows the anomaly, its finding's last. */
    private static String offending(Finding finding) {
        if (finding.ops().isEmpty()) {
            return "";
        }
        Operation op = finding.ops().get(finding.ops().size() - 1);
        return " by op #" + op.invoke().index() + " (" + op + ")";
    }

    private static String shorten(String sentence) {
        String oneLine = sentence.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= EXPLANATION_CHARS ? oneLine : oneLine.substring(0, EXPLANATION_CHARS - 1) + "…";
    }

    /** Every finding of kind {@code kind} (any kind when null), in the order the checks were declared. */
    private List<Finding> findings(String kind) {
        return actual.checks().stream().flatMap(c -> c.findings().stream())
                .filter(f -> kind == null || f.kind().equals(kind)).toList();
    }

    private Finding firstFinding() {
        List<Finding> found = findings(null);
        return found.isEmpty() ? null : found.get(0);
    }

    private String summaries() {
        return String.join("; ", actual.checks().stream().map(c -> c.checker() + ": " + c.summary()).toList());
    }

    /** " — see <report.html>" when the run wrote one beside the level's folder. */
    private String see() {
        Path history = actual.history();
        Path levelDir = history == null ? null : history.toAbsolutePath().getParent();
        Path report = levelDir == null || levelDir.getParent() == null ? null : levelDir.getParent().resolve(RunReport.FILE);
        return report != null && Files.isRegularFile(report) ? "\n  see " + report : "";
    }
}
