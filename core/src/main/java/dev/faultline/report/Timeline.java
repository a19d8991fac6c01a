package dev.faultline.report;

import dev.faultline.checker.Availability;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Process;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Ops per client process against time, with fault windows as bands. A history of 100,000 ops cannot
 * be drawn op by op and stay light, so there are two views: a downsampled overview of the whole run
 * (per process and time bucket, the worst outcome invoked there, with equal neighbours merged), and
 * detailed windows of a few dozen ops around each anomaly and each fault transition.
 */
final class Timeline {

    static final int WIDTH = 1200;
    /** Room for a lane label such as "client 7 · id 151". */
    private static final int LEFT = 110;
    /** Room on the right for the last tick's label, which is centred on its tick. */
    private static final int PLOT = WIDTH - LEFT - 40;
    private static final int BUCKETS = 300;
    private static final int MAX_LANES = 24;
    private static final int OPS_AROUND_FOCUS = 30;
    private static final int MAX_WINDOWS = 8;
    /** Pixels between ticks, at least: room for a label such as "40.125 s". */
    private static final int TICK_SPACING = 90;

    /** A moment worth a closer look: an anomaly's op or a fault starting or stopping. */
    record Focus(long time, String reason) {}

    /** A lesson's step as the timeline marks it: its number, its words and outcome, its span. */
    record StepMark(int number, String text, long from, long to) {}

    /** The plot's axis from {@code from} to {@code to}, cutting the idle stretches between the {@code busy} intervals. */
    static Axis axis(long from, long to, List<long[]> busy, boolean timeIsIndex) {
        return Axis.around(from, to, busy, timeIsIndex, LEFT, PLOT);
    }

    /** What the ops and moments keep busy, for {@link #axis}: each op from invoke to completion, each moment alone. */
    static List<long[]> busy(List<Operation> ops, Collection<Long> moments) {
        List<long[]> busy = new ArrayList<>();
        for (Operation op : ops) {
            busy.add(new long[] {op.invoke().time(), op.completion() == null ? op.invoke().time() : op.completion().time()});
        }
        moments.forEach(t -> busy.add(new long[] {t, t}));
        return busy;
    }

    /** A moment to the millisecond from the origin, or the event index. */
    private static String moment(Axis axis, long time, long origin) {
        return axis.timeIsIndex() ? "event " + time : Ticks.TimeFormat.of(1e6, time - origin).format(time - origin);
    }

    private Timeline() {
    }

    static String overview(LevelReport level, List<Operation> ops, Collection<Long> anomalyTimes, Naming naming) {
        long from = level.history().ops().stream().mapToLong(o -> o.time()).min().orElse(0);
        long to = level.history().ops().stream().mapToLong(o -> o.time()).max().orElse(1);
        Axis axis = Axis.linear(from, to, level.timeIsIndex(), LEFT, PLOT);
        List<String> lanes = lanes(ops.stream().map(op -> naming.lane(op.process())).toList());
        int laneHeight = 12;
        int top = 22;
        int height = top + lanes.size() * laneHeight + 26;
        int[][][] counts = new int[lanes.size()][BUCKETS][4];
        Map<String, Integer> laneOf = laneIndex(lanes);
        for (Operation op : ops) {
            int lane = laneOf.getOrDefault(naming.lane(op.process()).name(), lanes.size() - 1);
            int bucket = (int) Math.min(BUCKETS - 1, (axis.x(op.invoke().time()) - LEFT) / PLOT * BUCKETS);
            counts[lane][bucket][severity(op.outcome())]++;
        }
        String[][] cells = new String[lanes.size()][BUCKETS];
        for (int lane = 0; lane < lanes.size(); lane++) {
            for (int b = 0; b < BUCKETS; b++) {
                cells[lane][b] = cell(counts[lane][b]);
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"overview\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height).append("\">");
        bands(svg, level.availability().windows(), axis, top - 12, height - 26 - top + 12);
        double cell = (double) PLOT / BUCKETS;
        for (int lane = 0; lane < lanes.size(); lane++) {
            int y = top + lane * laneHeight;
            laneLabel(svg, lanes.get(lane), y + laneHeight - 2);
            for (int b = 0; b < BUCKETS; ) {
                String state = cells[lane][b];
                int end = b;
                while (end < BUCKETS && java.util.Objects.equals(cells[lane][end], state)) {
                    end++;
                }
                if (state != null) {
                    svg.append("<rect class=\"").append(state).append("\" x=\"").append(Html.num(LEFT + b * cell))
                            .append("\" y=\"").append(y + 1).append("\" width=\"").append(Html.num((end - b) * cell))
                            .append("\" height=\"").append(laneHeight - 2).append("\"/>");
                }
                b = end;
            }
        }
        faultEdges(svg, level.availability().windows(), axis, top, lanes.size() * laneHeight);
        for (long time : anomalyTimes) {
            double x = axis.x(time);
            svg.append("<path class=\"anomaly-mark\" d=\"M").append(Html.num(x - 5)).append(' ').append(top - 10)
                    .append("h10l-5 8z\"><title>anomaly at ").append(Html.esc(moment(axis, time, from))).append("</title></path>");
        }
        ticks(svg, axis, from, height - 24);
        return svg.append("</svg>").toString();
    }

    /** Detailed windows around the focus points, merged where they overlap, in time order. */
    static List<String> windows(LevelReport level, List<Operation> ops, List<Focus> focuses, Set<Long> anomalyOps,
                                Naming naming) {
        if (ops.isEmpty()) {
            return List.of();
        }
        TreeMap<Integer, List<Focus>> starts = new TreeMap<>();
        for (Focus focus : focuses) {
            int at = firstInvokedAtOrAfter(ops, focus.time());
            int start = Math.max(0, Math.min(at, ops.size() - 1) - OPS_AROUND_FOCUS);
            starts.computeIfAbsent(start, s -> new ArrayList<>()).add(focus);
        }
        List<int[]> ranges = new ArrayList<>();
        List<List<Focus>> reasons = new ArrayList<>();
        starts.forEach((start, why) -> {
            int end = Math.min(ops.size(), start + 2 * OPS_AROUND_FOCUS);
            if (!ranges.isEmpty() && start <= ranges.get(ranges.size() - 1)[1]) {
                ranges.get(ranges.size() - 1)[1] = Math.max(end, ranges.get(ranges.size() - 1)[1]);
                reasons.get(reasons.size() - 1).addAll(why);
            } else {
                ranges.add(new int[] {start, end});
                reasons.add(new ArrayList<>(why));
            }
        });
        long origin = level.history().ops().stream().mapToLong(o -> o.time()).min().orElse(0);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ranges.size() && i < MAX_WINDOWS; i++) {
            out.add(window(level, ops.subList(ranges.get(i)[0], ranges.get(i)[1]), reasons.get(i), origin, anomalyOps, naming));
        }
        return out;
    }

    /** A close-up of the ops around its focus points, whose moments it always shows, in time order in its caption. */
    private static String window(LevelReport level, List<Operation> ops, List<Focus> focuses, long origin, Set<Long> anomalyOps,
                                 Naming naming) {
        List<Long> moments = focuses.stream().map(Focus::time).toList();
        long from = Math.min(ops.stream().mapToLong(o -> o.invoke().time()).min().orElseThrow(),
                moments.stream().mapToLong(Long::longValue).min().orElseThrow());
        long to = Math.max(ops.stream().mapToLong(o -> o.completion() == null ? o.invoke().time() : o.completion().time())
                .max().orElseThrow(), moments.stream().mapToLong(Long::longValue).max().orElseThrow());
        Axis axis = withMargin(from, to, busy(ops, moments), level.timeIsIndex());
        String reason = String.join("; ", focuses.stream().sorted(Comparator.comparingLong(Focus::time))
                .map(Focus::reason).distinct().toList());
        return "<figure class=\"window\"><figcaption>" + Html.esc(reason) + "</figcaption>"
                + bars(ops, axis, origin, level.availability().windows(), anomalyOps, Map.of(), naming, List.of()) + "</figure>";
    }

    /** An axis a little wider than {@code from … to}, so the first and last bars do not touch the edges. */
    static Axis withMargin(long from, long to, List<long[]> busy, boolean timeIsIndex) {
        long margin = Math.max(1, Axis.around(from, to, busy, timeIsIndex, LEFT, PLOT).keptSpan() / 30);
        return axis(from - margin, to + margin, busy, timeIsIndex);
    }

    /**
     * A lesson's level drawn around its steps: every op, numbered by its step, on an axis whose waits
     * (the failure detectors deciding) are cut short and marked; above the lanes, each step's number
     * at its start.
     */
    static String lesson(LevelReport level, List<Operation> ops, List<StepMark> steps, Set<Long> anomalyOps,
                         Map<Long, String> stepOfOp, Naming naming) {
        List<Long> moments = new ArrayList<>();
        List<long[]> busy = busy(ops, moments);
        for (StepMark step : steps) {
            // a step that took a while without an op is a wait: the axis may cut it
            boolean waited = step.to() - step.from() >= 1_000_000_000L
                    && ops.stream().noneMatch(op -> op.invoke().time() >= step.from() && op.invoke().time() <= step.to());
            if (!waited) {
                busy.add(new long[] {step.from(), step.to()});
            }
        }
        long from = level.history().ops().stream().mapToLong(o -> o.time()).min().orElse(0);
        long to = level.history().ops().stream().mapToLong(o -> o.time()).max().orElse(1);
        for (StepMark step : steps) {
            from = Math.min(from, step.from());
            to = Math.max(to, step.to());
        }
        Axis axis = withMargin(from, to, busy, level.timeIsIndex());
        return bars(ops, axis, from, level.availability().windows(), anomalyOps, stepOfOp, naming, steps);
    }

    /**
     * Ops as bars from invoke to completion on one lane per process; an info op never completed, so
     * its bar runs open-ended to the right edge. Fault edges are lines, cut stretches are marked, and
     * a lesson's steps get a row of their own on top.
     */
    static String bars(List<Operation> ops, Axis axis, long origin, List<Availability.Window> faults,
                       Set<Long> highlighted, Map<Long, String> notes, Naming naming, List<StepMark> steps) {
        List<Process> lanes = ops.stream().map(Operation::process).distinct()
                .sorted(Comparator.comparingLong((Process p) -> naming.lane(p).order())
                        .thenComparingLong(p -> p instanceof Process.Client c ? c.id() : Long.MAX_VALUE))
                .toList();
        Map<Process, Integer> laneOf = new HashMap<>();
        lanes.forEach(p -> laneOf.put(p, laneOf.size()));
        int laneHeight = 18;
        int stepRow = steps.isEmpty() ? 0 : 20;
        int top = 16 + stepRow;
        int height = top + lanes.size() * laneHeight + 26;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"ops").append(steps.isEmpty() ? "" : " lesson-timeline").append("\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\">");
        cutGrounds(svg, axis, 2 + stepRow, height - 24);
        bands(svg, faults, axis, 2 + stepRow, height - 26 - stepRow);
        stepMarks(svg, steps, axis);
        faultEdges(svg, faults, axis, top, lanes.size() * laneHeight);
        for (int lane = 0; lane < lanes.size(); lane++) {
            laneLabel(svg, naming.process(lanes.get(lane)), top + lane * laneHeight + laneHeight - 5);
        }
        for (Operation op : ops) {
            int lane = laneOf.get(op.process());
            double y = top + lane * laneHeight + 2;
            double x0 = axis.x(op.invoke().time());
            boolean open = op.isIndeterminate();
            double x1 = open ? LEFT + PLOT : axis.x(op.completion().time());
            double width = Math.max(2, x1 - x0);
            long index = op.invoke().index();
            String note = notes.getOrDefault(index, "");
            svg.append("<g class=\"op ").append(OUTCOME_CLASS[severity(op.outcome())])
                    .append(highlighted.contains(index) ? " highlighted" : "")
                    .append("\" data-invoke-index=\"").append(index).append("\"><title>").append(Html.esc(naming.ref(op))).append(' ')
                    .append(Html.esc(naming.describe(op))).append("</title><rect x=\"").append(Html.num(x0)).append("\" y=\"")
                    .append(Html.num(y)).append("\" width=\"").append(Html.num(width)).append("\" height=\"")
                    .append(laneHeight - 4).append("\"/>");
            String text = note + Naming.bar(op);
            if (width >= text.length() * 6.2) {
                svg.append("<text x=\"").append(Html.num(x0 + 3)).append("\" y=\"").append(Html.num(y + laneHeight - 8))
                        .append("\">").append(Html.esc(text)).append("</text>");
            } else if (!steps.isEmpty()) {
                // a lesson's lanes hold a few ops: the label fits beside its bar
                svg.append("<text class=\"outside\" x=\"").append(Html.num(x0 + width + 3)).append("\" y=\"")
                        .append(Html.num(y + laneHeight - 8)).append("\">").append(Html.esc(text)).append("</text>");
            }
            svg.append("</g>");
        }
        cuts(svg, axis, origin, 2 + stepRow, height - 24);
        ticks(svg, axis, origin, height - 24);
        return svg.append("</svg>").toString();
    }

    static void bands(StringBuilder svg, List<Availability.Window> windows, Axis axis, int y, int height) {
        for (Availability.Window w : windows) {
            if (w.to() < axis.from() || w.from() > axis.to()) {
                continue;
            }
            double x0 = axis.x(w.from());
            double x1 = axis.x(w.to());
            String label = w.fault() + ": " + w.description();
            svg.append("<g class=\"fault-band\" data-fault=\"").append(Html.esc(w.fault())).append("\" data-from-ns=\"")
                    .append(w.from()).append("\" data-to-ns=\"").append(w.to()).append("\"><title>").append(Html.esc(label))
                    .append("</title><rect x=\"").append(Html.num(x0)).append("\" y=\"").append(y).append("\" width=\"")
                    .append(Html.num(Math.max(2, x1 - x0))).append("\" height=\"").append(height).append("\"/><text x=\"")
                    .append(Html.num(x0 + 3)).append("\" y=\"").append(y + 10).append("\">").append(Html.esc(label))
                    .append("</text></g>");
        }
    }

    /** Where each fault starts and ends, as lines over the lanes: in a busy overview the ops hide the band behind them. */
    private static void faultEdges(StringBuilder svg, List<Availability.Window> windows, Axis axis, int y, int height) {
        for (Availability.Window w : windows) {
            for (long time : new long[] {w.from(), w.to()}) {
                if (time < axis.from() || time > axis.to()) {
                    continue;
                }
                String x = Html.num(axis.x(time));
                svg.append("<line class=\"fault-edge\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"")
                        .append(y).append("\" y2=\"").append(y + height).append("\"/>");
            }
        }
    }

    /**
     * Ticks at round steps from the origin (none before it, none inside a cut, none crowding the one
     * before), every label with its unit; an index axis counts events.
     */
    private static void ticks(StringBuilder svg, Axis axis, long origin, int y) {
        svg.append("<g class=\"axis\"><line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT)
                .append("\" y1=\"").append(y).append("\" y2=\"").append(y).append("\"/>");
        long base = axis.timeIsIndex() ? 0 : origin;
        double plotted = PLOT - axis.cuts().size() * Axis.CUT_WIDTH;
        double step = Ticks.step(axis.keptSpan(), (int) (plotted / TICK_SPACING));
        if (axis.timeIsIndex()) {
            step = Math.max(1, step);
        }
        Ticks.TimeFormat format = Ticks.TimeFormat.of(step, axis.to() - base);
        List<long[]> pieces = new ArrayList<>();
        long at = axis.from();
        for (Axis.Cut cut : axis.cuts()) {
            pieces.add(new long[] {at, cut.from()});
            at = cut.to();
        }
        pieces.add(new long[] {at, axis.to()});
        double last = Double.NEGATIVE_INFINITY;
        List<Double> cutLabels = axis.cuts().stream().map(c -> axis.x(c.from()) + Axis.CUT_WIDTH / 2).toList();
        for (long[] piece : pieces) {
            for (double t : Ticks.multiples(Math.max(0, piece[0] - base), piece[1] - base, step)) {
                double x = axis.x(base + Math.round(t));
                if (x - last < TICK_SPACING * 0.6 || cutLabels.stream().anyMatch(c -> Math.abs(c - x) < TICK_SPACING * 0.6)) {
                    continue;
                }
                last = x;
                String label = axis.timeIsIndex() ? Long.toString(Math.round(t)) : format.format(t);
                svg.append("<text x=\"").append(Html.num(x)).append("\" y=\"").append(y + 14)
                        .append("\" text-anchor=\"middle\">").append(Html.esc(label)).append("</text>");
            }
        }
        svg.append("</g>");
    }

    /** Each cut stretch's ground, under the bands and bars: a pale grey gap. */
    private static void cutGrounds(StringBuilder svg, Axis axis, int y, int axisY) {
        for (Axis.Cut cut : axis.cuts()) {
            svg.append("<rect class=\"cut-ground\" x=\"").append(Html.num(axis.x(cut.from()))).append("\" y=\"").append(y)
                    .append("\" width=\"").append(Html.num(Axis.CUT_WIDTH)).append("\" height=\"").append(axisY - y).append("\"/>");
        }
    }

    /**
     * Each cut stretch's marks, over the bars: its edges as thin lines, a double slash on the axis, how
     * long it lasted under it, and when in its title.
     */
    private static void cuts(StringBuilder svg, Axis axis, long origin, int y, int axisY) {
        for (Axis.Cut cut : axis.cuts()) {
            double x0 = axis.x(cut.from());
            double x1 = x0 + Axis.CUT_WIDTH;
            double mid = x0 + Axis.CUT_WIDTH / 2;
            String length = Ticks.TimeFormat.of(1e8, cut.length()).format(cut.length());
            svg.append("<g class=\"cut\" data-from-ns=\"").append(cut.from()).append("\" data-to-ns=\"").append(cut.to())
                    .append("\"><title>").append(Html.esc(length + " cut short, from " + moment(axis, cut.from(), origin)
                            + " to " + moment(axis, cut.to(), origin) + ": no op ran")).append("</title><path class=\"edge\" d=\"M")
                    .append(Html.num(x0)).append(' ').append(y).append("V").append(axisY).append("M").append(Html.num(x1)).append(' ')
                    .append(y).append("V").append(axisY).append("\"/><path class=\"slash\" d=\"M").append(Html.num(mid - 7))
                    .append(' ').append(axisY + 5).append("l6 -10M").append(Html.num(mid + 1)).append(' ').append(axisY + 5)
                    .append("l6 -10\"/><text x=\"").append(Html.num(mid)).append("\" y=\"").append(axisY + 16)
                    .append("\" text-anchor=\"middle\">").append(Html.esc(length)).append("</text></g>");
        }
    }

    /** A lesson's steps: a numbered marker at each one's start, its words and outcome in the title. */
    private static void stepMarks(StringBuilder svg, List<StepMark> steps, Axis axis) {
        double last = Double.NEGATIVE_INFINITY;
        int row = 0;
        for (StepMark step : steps) {
            double x = axis.x(step.from());
            // steps a few pixels apart would overprint: the next one goes a row lower
            row = x - last < 16 && row == 0 ? 1 : 0;
            last = x;
            double y = 4 + row * 9;
            svg.append("<g class=\"step\" data-step=\"").append(step.number()).append("\"><title>")
                    .append(Html.esc(step.number() + ". " + step.text())).append("</title><line x1=\"").append(Html.num(x))
                    .append("\" x2=\"").append(Html.num(x)).append("\" y1=\"").append(Html.num(y + 9)).append("\" y2=\"")
                    .append(20).append("\"/><text x=\"").append(Html.num(x + 2)).append("\" y=\"").append(Html.num(y + 8))
                    .append("\">").append(step.number()).append("</text></g>");
        }
    }

    private static void laneLabel(StringBuilder svg, String name, double y) {
        svg.append("<text class=\"lane\" x=\"").append(LEFT - 6).append("\" y=\"").append(Html.num(y))
                .append("\" text-anchor=\"end\">").append(Html.esc(name)).append("</text>");
    }

    /** The lanes in order; past the cap, the rest share one lane. */
    private static List<String> lanes(List<Naming.Lane> all) {
        Set<Naming.Lane> distinct = new TreeSet<>(Comparator.comparingLong(Naming.Lane::order).thenComparing(Naming.Lane::name));
        distinct.addAll(all);
        List<String> lanes = new ArrayList<>(distinct.stream().limit(MAX_LANES).map(Naming.Lane::name).toList());
        if (distinct.size() > MAX_LANES) {
            lanes.add("others");
        }
        return lanes;
    }

    private static Map<String, Integer> laneIndex(List<String> lanes) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < lanes.size(); i++) {
            index.put(lanes.get(i), i);
        }
        return index;
    }

    private static final String[] OUTCOME_CLASS = {"none", "ok", "fail", "info"};

    /**
     * The class of one overview cell from its counts by severity: ok unless at least 5% of its ops
     * failed or were indeterminate, then the commoner of the two, pale while under half. A single
     * worst op would paint a whole run with a steady 3% of timeouts red.
     */
    private static String cell(int[] counts) {
        int all = counts[1] + counts[2] + counts[3];
        if (all == 0) {
            return null;
        }
        int bad = counts[2] + counts[3];
        if (bad * 20 < all) {
            return "ok";
        }
        return (counts[3] > counts[2] ? "info" : "fail") + (bad * 2 < all ? " some" : "");
    }

    /** Which outcome a merged cell shows: an indeterminate op matters more than a failed one, and both more than ok. */
    private static int severity(OpType outcome) {
        return switch (outcome) {
            case OK -> 1;
            case FAIL -> 2;
            default -> 3;
        };
    }

    private static int firstInvokedAtOrAfter(List<Operation> ops, long time) {
        int lo = 0;
        int hi = ops.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ops.get(mid).invoke().time() < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
