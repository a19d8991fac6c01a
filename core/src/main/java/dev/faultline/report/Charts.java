package dev.faultline.report;

import dev.faultline.checker.Availability;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Latency over time and availability inside and outside faults, per consistency level. */
final class Charts {

    private static final int BUCKETS = 60;
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 260;
    private static final int LEFT = 70;
    private static final int TOP = 20;
    private static final int PLOT_W = WIDTH - LEFT - 160;
    private static final int PLOT_H = HEIGHT - TOP - 40;
    private static final String[] COLOURS = {"#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00"};

    private Charts() {
    }

    /** p50 and p99 latency of completed ops per time bucket; each level on its own clock, from its start. */
    static String latency(List<LevelReport> levels, Map<String, List<Operation>> opsByLevel) {
        List<double[][]> series = new ArrayList<>();
        double maxSeconds = 0;
        double maxMs = 1;
        for (LevelReport level : levels) {
            List<Operation> ops = opsByLevel.get(level.level());
            long origin = level.history().ops().stream().mapToLong(o -> o.time()).min().orElse(0);
            long end = level.history().ops().stream().mapToLong(o -> o.time()).max().orElse(1);
            double seconds = Math.max(1e-9, (end - origin) / 1e9);
            maxSeconds = Math.max(maxSeconds, seconds);
            List<List<Double>> buckets = new ArrayList<>();
            for (int i = 0; i < BUCKETS; i++) {
                buckets.add(new ArrayList<>());
            }
            for (Operation op : ops) {
                if (op.outcome() == OpType.INFO) {
                    continue;
                }
                int b = (int) Math.min(BUCKETS - 1, (op.invoke().time() - origin) / 1e9 / seconds * BUCKETS);
                buckets.get(b).add((op.completion().time() - op.invoke().time()) / 1e6);
            }
            double[][] points = new double[BUCKETS][];
            for (int i = 0; i < BUCKETS; i++) {
                double[] sorted = buckets.get(i).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                if (sorted.length > 0) {
                    double p50 = Latencies.quantile(sorted, 0.5);
                    double p99 = Latencies.quantile(sorted, 0.99);
                    points[i] = new double[] {(i + 0.5) * seconds / BUCKETS, p50, p99};
                    maxMs = Math.max(maxMs, p99);
                }
            }
            series.add(points);
        }
        // the time axis ends on a round tick, so the last tick is at the right edge and labelled
        double secondStep = Ticks.step(maxSeconds * 1e9, PLOT_W / 90) / 1e9;
        maxSeconds = Math.ceil(maxSeconds / secondStep - 1e-9) * secondStep;
        StringBuilder svg = new StringBuilder("<svg class=\"latency\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT
                + "\" width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\">");
        double topMs = axes(svg, maxSeconds, maxMs);
        for (int s = 0; s < levels.size(); s++) {
            faultBands(svg, levels.get(s), s, maxSeconds);
        }
        for (int s = 0; s < series.size(); s++) {
            String colour = COLOURS[s % COLOURS.length];
            for (int q = 1; q <= 2; q++) {
                StringBuilder path = new StringBuilder();
                for (double[] point : series.get(s)) {
                    if (point != null) {
                        path.append(path.length() == 0 ? "M" : "L").append(Html.num(LEFT + point[0] / maxSeconds * PLOT_W))
                                .append(' ').append(Html.num(TOP + PLOT_H - point[q] / topMs * PLOT_H));
                    }
                }
                svg.append("<path class=\"").append(q == 1 ? "p50" : "p99").append("\" data-level=\"")
                        .append(Html.esc(levels.get(s).level())).append("\" stroke=\"").append(colour).append("\" d=\"")
                        .append(path.length() == 0 ? "M0 0" : path).append("\"/>");
            }
            // a dot per bucket: a bucket with no neighbour draws no line, yet it was measured
            for (double[] point : series.get(s)) {
                if (point != null) {
                    svg.append("<circle class=\"p50\" data-level=\"").append(Html.esc(levels.get(s).level())).append("\" fill=\"")
                            .append(colour).append("\" r=\"2.2\" cx=\"").append(Html.num(LEFT + point[0] / maxSeconds * PLOT_W))
                            .append("\" cy=\"").append(Html.num(TOP + PLOT_H - point[1] / topMs * PLOT_H)).append("\"/>");
                }
            }
            int y = TOP + 10 + s * 34;
            svg.append("<g class=\"key\"><path stroke=\"").append(colour).append("\" d=\"M").append(LEFT + PLOT_W + 20).append(' ')
                    .append(y).append("h24\"/><path class=\"p99\" stroke=\"").append(colour).append("\" d=\"M")
                    .append(LEFT + PLOT_W + 20).append(' ').append(y + 14).append("h24\"/><text x=\"").append(LEFT + PLOT_W + 50)
                    .append("\" y=\"").append(y + 4).append("\">").append(Html.esc(levels.get(s).level())).append(" p50</text><text x=\"")
                    .append(LEFT + PLOT_W + 50).append("\" y=\"").append(y + 18).append("\">").append(Html.esc(levels.get(s).level()))
                    .append(" p99</text></g>");
        }
        return svg.append("</svg>").toString();
    }

    /**
     * A lesson's latency: one row per op step, a bar per level for the step's (last) op, its time and
     * outcome written beside it. Over time it would be one dot per op after twenty seconds of waiting.
     */
    static String stepLatency(LessonView lesson, List<LevelReport> levels) {
        record Bar(String level, int colour, double ms, String text) {}
        List<String> labels = new ArrayList<>();
        List<List<Bar>> rows = new ArrayList<>();
        double maxMs = 0.001;
        for (int i = 0; i < lesson.rows().size(); i++) {
            LessonView.Row row = lesson.rows().get(i);
            List<Bar> bars = new ArrayList<>();
            for (int s = 0; s < levels.size(); s++) {
                int column = lesson.levels().indexOf(levels.get(s).level());
                List<Long> ops = column < 0 ? null : row.cells().get(column).ops();
                if (ops == null || ops.isEmpty()) {
                    continue;
                }
                long last = ops.get(ops.size() - 1);
                Operation op = levels.get(s).history().operations().stream().filter(o -> o.invoke().index() == last)
                        .findFirst().orElse(null);
                if (op == null) {
                    continue;
                }
                Double ms = op.completion() == null ? null : (op.completion().time() - op.invoke().time()) / 1e6;
                String outcome = op.outcome() == OpType.OK ? "ok" : (op.outcome() == OpType.FAIL ? "fail" : "info")
                        + (op.error() == null ? "" : ": " + op.error());
                String took = ms == null ? "no answer" : Ticks.millis(ms, ms >= 10 ? 1 : 0.1);
                bars.add(new Bar(levels.get(s).level(), s, ms == null ? 0 : ms, levels.get(s).level() + " " + took + ", "
                        + outcome + (ops.size() > 1 ? " (last of " + ops.size() + " reads)" : "")));
                maxMs = Math.max(maxMs, ms == null ? 0 : ms);
            }
            if (!bars.isEmpty()) {
                labels.add((i + 1) + ". " + row.step());
                rows.add(bars);
            }
        }
        int left = 300;
        int plot = 560;
        int barHeight = 14;
        int rowHeight = 8 + levels.size() * (barHeight + 2);
        int height = 10 + rows.size() * rowHeight + 30;
        double step = Ticks.step(maxMs, 5);
        double top = Math.ceil(maxMs / step - 1e-9) * step;
        StringBuilder svg = new StringBuilder("<svg class=\"latency steps\" viewBox=\"0 0 " + WIDTH + " " + height
                + "\" width=\"" + WIDTH + "\" height=\"" + height + "\">");
        int y = 10;
        for (int r = 0; r < rows.size(); r++) {
            svg.append("<text x=\"").append(left - 8).append("\" y=\"").append(y + barHeight - 2).append("\" text-anchor=\"end\">")
                    .append(Html.esc(labels.get(r))).append("</text>");
            int by = y;
            for (Bar bar : rows.get(r)) {
                double w = Math.max(2, bar.ms() / top * plot);
                svg.append("<g class=\"step-latency\" data-level=\"").append(Html.esc(bar.level())).append("\"><rect x=\"")
                        .append(left).append("\" y=\"").append(by).append("\" width=\"").append(Html.num(w)).append("\" height=\"")
                        .append(barHeight).append("\" style=\"fill:").append(COLOURS[bar.colour() % COLOURS.length])
                        .append("\"/><text x=\"").append(Html.num(left + w + 6)).append("\" y=\"").append(by + barHeight - 3)
                        .append("\">").append(Html.esc(bar.text())).append("</text></g>");
                by += barHeight + 2;
            }
            y += rowHeight;
        }
        svg.append("<g class=\"axis\"><line x1=\"").append(left).append("\" x2=\"").append(left + plot).append("\" y1=\"")
                .append(y).append("\" y2=\"").append(y).append("\"/>");
        for (double ms : Ticks.multiples(0, top, step)) {
            svg.append("<text x=\"").append(Html.num(left + ms / top * plot)).append("\" y=\"").append(y + 14)
                    .append("\" text-anchor=\"middle\">").append(Html.esc(Ticks.millis(ms, step))).append("</text>");
        }
        return svg.append("</g></svg>").toString();
    }

    /**
     * The level's fault windows as bands over the plot, on the level's own clock as its line is, tinted
     * with its colour and labelled one row below the previous level's label.
     */
    private static void faultBands(StringBuilder svg, LevelReport level, int index, double maxSeconds) {
        long origin = level.history().ops().stream().mapToLong(o -> o.time()).min().orElse(0);
        String colour = COLOURS[index % COLOURS.length];
        for (Availability.Window w : level.availability().windows()) {
            double x0 = LEFT + Math.min(1, (w.from() - origin) / 1e9 / maxSeconds) * PLOT_W;
            double x1 = LEFT + Math.min(1, (w.to() - origin) / 1e9 / maxSeconds) * PLOT_W;
            String label = w.fault() + ": " + w.description();
            svg.append("<g class=\"fault-band\" data-level=\"").append(Html.esc(level.level())).append("\" data-fault=\"")
                    .append(Html.esc(w.fault())).append("\" data-from-ns=\"").append(w.from()).append("\" data-to-ns=\"")
                    .append(w.to()).append("\"><title>").append(Html.esc(level.level() + ": " + label)).append("</title><rect x=\"")
                    .append(Html.num(x0)).append("\" y=\"").append(TOP).append("\" width=\"").append(Html.num(Math.max(2, x1 - x0)))
                    .append("\" height=\"").append(PLOT_H).append("\" style=\"fill:").append(colour).append("\"/><text x=\"")
                    .append(Html.num(x0 + 3)).append("\" y=\"").append(TOP + 10 + index * 12).append("\" style=\"fill:").append(colour)
                    .append("\">").append(Html.esc(level.level() + " · " + label)).append("</text></g>");
        }
    }

    /** The axes, with round ticks; returns the top of the latency scale, a round number of ms at or above {@code maxMs}. */
    private static double axes(StringBuilder svg, double maxSeconds, double maxMs) {
        svg.append("<g class=\"axis\"><line x1=\"").append(LEFT).append("\" y1=\"").append(TOP + PLOT_H).append("\" x2=\"")
                .append(LEFT + PLOT_W).append("\" y2=\"").append(TOP + PLOT_H).append("\"/><line x1=\"").append(LEFT)
                .append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT).append("\" y2=\"").append(TOP + PLOT_H).append("\"/>");
        double spanNanos = maxSeconds * 1e9;
        double step = Ticks.step(spanNanos, PLOT_W / 90);
        Ticks.TimeFormat format = Ticks.TimeFormat.of(step, spanNanos);
        for (double at : Ticks.multiples(0, spanNanos, step)) {
            svg.append("<text x=\"").append(Html.num(LEFT + at / spanNanos * PLOT_W)).append("\" y=\"").append(TOP + PLOT_H + 16)
                    .append("\" text-anchor=\"middle\">").append(Html.esc(format.format(at))).append("</text>");
        }
        double msStep = Ticks.step(maxMs, 5);
        double top = Math.ceil(maxMs / msStep - 1e-9) * msStep;
        for (double ms : Ticks.multiples(0, top, msStep)) {
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(Html.num(TOP + PLOT_H - ms / top * PLOT_H + 4))
                    .append("\" text-anchor=\"end\">").append(Html.esc(Ticks.millis(ms, msStep))).append("</text>");
        }
        svg.append("</g>");
        return top;
    }

    /** Two bars per level: the share of ops that were ok outside and inside fault windows. */
    static String availability(List<LevelReport> levels) {
        int rowHeight = 20;
        int height = 20 + levels.size() * 2 * rowHeight + 10;
        StringBuilder svg = new StringBuilder("<svg class=\"availability\" viewBox=\"0 0 " + WIDTH + " " + height
                + "\" width=\"" + WIDTH + "\" height=\"" + height + "\">");
        int y = 10;
        for (LevelReport level : levels) {
            Availability a = level.availability();
            y = bar(svg, level.level() + " outside faults", a.outsideFaults(), y, rowHeight);
            y = bar(svg, level.level() + " inside faults", a.insideFaults(), y, rowHeight);
        }
        return svg.append("</svg>").toString();
    }

    private static int bar(StringBuilder svg, String label, Availability.Counts counts, int y, int rowHeight) {
        int left = 200;
        int width = 800;
        double ok = counts.all() == 0 ? 0 : counts.percentAvailable();
        svg.append("<text x=\"").append(left - 8).append("\" y=\"").append(y + 13).append("\" text-anchor=\"end\">")
                .append(Html.esc(label)).append("</text><rect class=\"track\" x=\"").append(left).append("\" y=\"").append(y + 2)
                .append("\" width=\"").append(width).append("\" height=\"").append(rowHeight - 6).append("\"/><rect class=\"ok\" x=\"")
                .append(left).append("\" y=\"").append(y + 2).append("\" width=\"").append(Html.num(width * ok / 100))
                .append("\" height=\"").append(rowHeight - 6).append("\"/><text x=\"").append(left + width + 8).append("\" y=\"")
                .append(y + 13).append("\">").append(counts.all() == 0 ? "no ops" : Html.percent(ok) + " ok of " + counts.all())
                .append("</text>");
        return y + rowHeight;
    }
}
