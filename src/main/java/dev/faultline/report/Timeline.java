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

    /** Maps history time onto the x axis; the unit is seconds, or events for untimed histories. */
    record Axis(long from, long to, boolean timeIsIndex) {
        double x(long time) {
            double span = Math.max(1, to - from);
            return LEFT + Math.max(0, Math.min(1, (time - from) / span)) * PLOT;
        }

        /** A moment to the millisecond from the origin, or the event index. */
        String label(long time, long origin) {
            return timeIsIndex ? "event " + time : Ticks.TimeFormat.of(1e6, time - origin).format(time - origin);
        }
    }

    private Timeline() {
    }

    static String overview(LevelReport level, List<Operation> ops, Collection<Long> anomalyTimes, Naming naming) {
        long from = level.history().ops().stream().mapToLong(o -> o.time()).min().orElse(0);
        long to = level.history().ops().stream().mapToLong(o -> o.time()).max().orElse(1);
        Axis axis = new Axis(from, to, level.timeIsIndex());
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
                    .append("h10l-5 8z\"><title>anomaly at ").append(Html.esc(axis.label(time, from))).append("</title></path>");
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
        TreeMap<Integer, Set<String>> starts = new TreeMap<>();
        for (Focus focus : focuses) {
            int at = firstInvokedAtOrAfter(ops, focus.time());
            int start = Math.max(0, Math.min(at, ops.size() - 1) - OPS_AROUND_FOCUS);
            starts.computeIfAbsent(start, s -> new TreeSet<>()).add(focus.reason());
        }
        List<int[]> ranges = new ArrayList<>();
        List<Set<String>> reasons = new ArrayList<>();
        starts.forEach((start, why) -> {
            int end = Math.min(ops.size(), start + 2 * OPS_AROUND_FOCUS);
            if (!ranges.isEmpty() && start <= ranges.get(ranges.size() - 1)[1]) {
                ranges.get(ranges.size() - 1)[1] = Math.max(end, ranges.get(ranges.size() - 1)[1]);
                reasons.get(reasons.size() - 1).addAll(why);
            } else {
                ranges.add(new int[] {start, end});
                reasons.add(new TreeSet<>(why));
            }
        });
        long origin = level.history().ops().stream().mapToLong(o -> o.time()).min().orElse(0);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ranges.size() && i < MAX_WINDOWS; i++) {
            out.add(window(level, ops.subList(ranges.get(i)[0], ranges.get(i)[1]), String.join("; ", reasons.get(i)),
                    origin, anomalyOps, naming));
        }
        return out;
    }

    private static String window(LevelReport level, List<Operation> ops, String reason, long origin, Set<Long> anomalyOps,
                                 Naming naming) {
        long from = ops.stream().mapToLong(o -> o.invoke().time()).min().orElseThrow();
        long to = ops.stream().mapToLong(o -> o.completion() == null ? o.invoke().time() : o.completion().time())
                .max().orElseThrow();
        long margin = Math.max(1, (to - from) / 30);
        Axis axis = new Axis(from - margin, to + margin, level.timeIsIndex());
        return "<figure class=\"window\"><figcaption>" + Html.esc(reason) + "</figcaption>"
                + bars(ops, axis, origin, level.availability().windows(), anomalyOps, Map.of(), naming) + "</figure>";
    }

    /**
     * Ops as bars from invoke to completion on one lane per process; an info op never completed, so
     * its bar runs open-ended to the right edge.
     */
    static String bars(List<Operation> ops, Axis axis, long origin, List<Availability.Window> faults,
                       Set<Long> highlighted, Map<Long, String> notes, Naming naming) {
        List<Process> lanes = ops.stream().map(Operation::process).distinct()
                .sorted(Comparator.comparingLong((Process p) -> naming.lane(p).order())
                        .thenComparingLong(p -> p instanceof Process.Client c ? c.id() : Long.MAX_VALUE))
                .toList();
        Map<Process, Integer> laneOf = new HashMap<>();
        lanes.forEach(p -> laneOf.put(p, laneOf.size()));
        int laneHeight = 18;
        int top = 16;
        int height = top + lanes.size() * laneHeight + 26;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"ops\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height).append("\">");
        bands(svg, faults, axis, 2, height - 26);
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
                    .append("\" data-invoke-index=\"").append(index).append("\"><title>#").append(index).append(' ')
                    .append(Html.esc(naming.describe(op))).append("</title><rect x=\"").append(Html.num(x0)).append("\" y=\"")
                    .append(Html.num(y)).append("\" width=\"").append(Html.num(width)).append("\" height=\"")
                    .append(laneHeight - 4).append("\"/>");
            String text = note + Naming.bar(op);
            if (width >= text.length() * 6.2) {
                svg.append("<text x=\"").append(Html.num(x0 + 3)).append("\" y=\"").append(Html.num(y + laneHeight - 8))
                        .append("\">").append(Html.esc(text)).append("</text>");
            }
            svg.append("</g>");
        }
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

    /** Ticks at round steps from the origin (none before it), every label with its unit; an index axis counts events. */
    private static void ticks(StringBuilder svg, Axis axis, long origin, int y) {
        svg.append("<g class=\"axis\"><line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT)
                .append("\" y1=\"").append(y).append("\" y2=\"").append(y).append("\"/>");
        long base = axis.timeIsIndex() ? 0 : origin;
        double step = Ticks.step(axis.to() - axis.from(), PLOT / TICK_SPACING);
        if (axis.timeIsIndex()) {
            step = Math.max(1, step);
        }
        Ticks.TimeFormat format = Ticks.TimeFormat.of(step, axis.to() - base);
        for (double at : Ticks.multiples(Math.max(0, axis.from() - base), axis.to() - base, step)) {
            String label = axis.timeIsIndex() ? Long.toString(Math.round(at)) : format.format(at);
            svg.append("<text x=\"").append(Html.num(axis.x(base + Math.round(at)))).append("\" y=\"").append(y + 14)
                    .append("\" text-anchor=\"middle\">").append(Html.esc(label)).append("</text>");
        }
        svg.append("</g>");
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
