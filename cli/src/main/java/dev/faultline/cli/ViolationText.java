package dev.faultline.cli;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.Counterexample;
import dev.faultline.checker.PartitionResult;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import dev.faultline.report.Naming;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A violation told in a terminal as the report tells it: the anomaly's name, the longest linearizable
 * prefix, the op that cannot follow it, the ops concurrent with it, and the sentence on why, each op and
 * process named as the report names them.
 *
 * @param naming  the report's names for the history's ops and processes
 * @param origin  the history's first time, so times read from 0
 * @param untimed true when the history had no times and event indexes stand in for them
 * @param millis  times in milliseconds rather than seconds, for a short history
 */
record ViolationText(Naming naming, long origin, boolean untimed, boolean millis) {

    /** Under this span a history's times read in milliseconds. */
    private static final long MILLIS_UNDER_NS = 10_000_000_000L;

    static ViolationText of(History history, boolean untimed, Naming naming) {
        long origin = history.ops().stream().mapToLong(Op::time).min().orElse(0);
        long end = history.ops().stream().mapToLong(Op::time).max().orElse(0);
        return new ViolationText(naming, origin, untimed, end - origin < MILLIS_UNDER_NS);
    }

    private static final int MAX_LISTED_OPS = 12;
    /** Ops carry whole error messages; a listing keeps their start. */
    private static final int MAX_OP_CHARS = 64;
    private static final int WIDTH = 100;

    List<String> lines(PartitionResult partition, Anomaly anomaly) {
        Counterexample why = partition.counterexample();
        Operation bad = why.unlinearizable();
        List<String> lines = new ArrayList<>();
        lines.add(anomaly.kind().title() + " on " + (partition.key() == null ? "the history" : "key " + Values.show(partition.key()))
                + ": " + naming.op(bad));
        List<Row> rows = new ArrayList<>();
        List<Counterexample.Step> prefix = why.longestPrefix();
        if (prefix.isEmpty()) {
            lines.add("  From the initial state, " + why.stateBefore() + ", no op can take effect before this one returned:");
        } else {
            lines.add("  Longest linearizable prefix found (an order consistent with real time; state after each op):");
            int from = Math.max(0, prefix.size() - MAX_LISTED_OPS);
            if (from > 0) {
                rows.add(Row.text("      ... " + from + " earlier ops"));
            }
            for (int i = from; i < prefix.size(); i++) {
                Counterexample.Step step = prefix.get(i);
                rows.add(op(String.format(Locale.ROOT, "%5d.", i + 1), step.op(), "then " + step.stateAfter()));
            }
            rows.add(Row.text("  After it the state is " + why.stateBefore() + ", and this op cannot take effect before it returned:"));
        }
        rows.add(op("     ✗", bad, ""));
        List<Operation> concurrent = why.concurrent();
        rows.add(Row.text("  Concurrent with it: " + (concurrent.isEmpty() ? "none" : concurrent.size() + " op" + (concurrent.size() == 1 ? "" : "s"))));
        concurrent.stream().limit(MAX_LISTED_OPS).forEach(op -> rows.add(op("      ", op, "")));
        if (concurrent.size() > MAX_LISTED_OPS) {
            rows.add(Row.text("      ... " + (concurrent.size() - MAX_LISTED_OPS) + " more"));
        }
        lines.addAll(aligned(rows));
        lines.addAll(wrapped(naming.inSentence(anomaly.sentence())));
        return lines;
    }

    /** One line of the listing: text alone, or an op in columns (mark, op, when, state). */
    private record Row(String mark, String op, String when, String state) {
        static Row text(String line) {
            return new Row(line, null, null, null);
        }
    }

    private Row op(String mark, Operation op, String state) {
        String text = naming.ref(op) + " " + naming.describe(op);
        return new Row(mark, text.length() > MAX_OP_CHARS ? text.substring(0, MAX_OP_CHARS - 1) + "…" : text, when(op), state);
    }

    private static List<String> aligned(List<Row> rows) {
        int opWidth = rows.stream().filter(r -> r.op() != null).mapToInt(r -> r.op().length()).max().orElse(0);
        int whenWidth = rows.stream().filter(r -> r.op() != null).mapToInt(r -> r.when().length()).max().orElse(0);
        return rows.stream()
                .map(r -> r.op() == null ? r.mark()
                        : String.format(Locale.ROOT, "%s %-" + opWidth + "s  %-" + whenWidth + "s  %s", r.mark(), r.op(), r.when(), r.state())
                                .stripTrailing())
                .toList();
    }

    /** When the op ran: seconds from the history's start, or event indexes for a history without times. */
    private String when(Operation op) {
        String from = at(op.invoke().time());
        if (op.completion() == null) {
            return untimed ? "from event " + from + ", no reply" : "from " + from + " " + unit() + ", no reply";
        }
        String to = at(op.completion().time());
        return untimed ? "events " + from + "–" + to : from + "–" + to + " " + unit();
    }

    private String at(long time) {
        if (untimed) {
            return Long.toString(time);
        }
        return millis ? String.format(Locale.ROOT, "%.1f", (time - origin) / 1e6) : String.format(Locale.ROOT, "%.3f", (time - origin) / 1e9);
    }

    private String unit() {
        return millis ? "ms" : "s";
    }

    private static List<String> wrapped(String sentence) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder("  ");
        for (String word : sentence.split(" ")) {
            if (line.length() > 2 && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder("  ");
            }
            line.append(line.length() > 2 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
