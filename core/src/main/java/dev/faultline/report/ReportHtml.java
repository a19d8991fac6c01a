package dev.faultline.report;

import dev.faultline.cluster.CassandraSettings;
import dev.faultline.checker.Availability;
import dev.faultline.checker.PartitionResult;
import dev.faultline.checker.CheckerResult;
import dev.faultline.checker.LinearizabilityResult;
import dev.faultline.checker.LostWrites;
import dev.faultline.checker.Validity;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The self-contained report page: inline CSS and SVG, no script, nothing fetched, so it opens from
 * disk anywhere and stays a few hundred kilobytes whatever the size of the history.
 */
public final class ReportHtml {

    private ReportHtml() {
    }

    /**
     * Writes the page of a history checked on its own, whole or not at all, to a file the user named: a symlink
     * there is written through, as a shell would. Its processes are named by {@code naming}, as its run's report
     * names them where the history came from a run ({@link Naming#ofHistoryFile}).
     */
    public static void write(Path file, String title, LevelReport level, Naming naming) {
        OutputFile.write(file, page(title, "", RunSetup.UNKNOWN, Platform.UNKNOWN, null, List.of(level), l -> naming));
    }

    /** @param lesson the lesson's question, steps and answer, drawn first; null for a scenario or a checked history */
    public static String page(String title, String description, RunSetup setup, Platform platform, LessonView lesson,
                              List<LevelReport> levels) {
        return page(title, description, setup, platform, lesson, levels,
                level -> Naming.of(setup, lesson, level.level(), level.history()));
    }

    private static String page(String title, String description, RunSetup setup, Platform platform, LessonView lesson,
                               List<LevelReport> levels, Function<LevelReport, Naming> namingOf) {
        Map<String, List<Operation>> opsByLevel = new LinkedHashMap<>();
        levels.forEach(l -> opsByLevel.put(l.level(), l.history().operations()));
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.esc(title)).append(" · Faultline report</title><style>").append(CSS).append("</style></head><body>");
        html.append("<h1>").append(Html.esc(title)).append("</h1>");
        String ran = ran(platform, setup);
        if (!ran.isEmpty()) {
            html.append("<p class=\"platform\">").append(Html.esc(ran)).append("</p>");
        }
        if (lesson != null) {
            lesson(html, lesson);
        } else if (!description.isBlank()) {
            html.append("<p class=\"description\">").append(Html.esc(description.strip())).append("</p>");
        }
        comparison(html, levels);
        html.append("<section id=\"availability\"><h2>Availability inside and outside fault windows</h2>")
                .append(Charts.availability(levels));
        availabilityTable(html, levels);
        for (LevelReport level : levels) {
            if (unavailable(level, opsByLevel.get(level.level()))) {
                html.append("<div class=\"note\" data-level=\"").append(Html.esc(level.level())).append("\"><p>")
                        .append(Html.esc(level.level())).append(" refused ops during faults.</p>")
                        .append(Explanation.UNAVAILABLE.html(setup.replicationFactor())).append("</div>");
            }
        }
        html.append("</section>");
        if (lesson != null && lesson.rows().stream().anyMatch(r -> r.cells().stream().anyMatch(c -> c.ops() != null && !c.ops().isEmpty()))) {
            html.append("<section id=\"latency\"><h2>Latency of each step's op</h2>")
                    .append(Charts.stepLatency(lesson, levels)).append("</section>");
        } else if (levels.stream().noneMatch(LevelReport::timeIsIndex)) {
            html.append("<section id=\"latency\"><h2>Latency over time (ok and failed ops, per time bucket)</h2>")
                    .append(Charts.latency(levels, opsByLevel)).append("</section>");
        }
        for (LevelReport level : levels) {
            int column = lesson == null ? -1 : lesson.levels().indexOf(level.level());
            level(html, level, opsByLevel.get(level.level()), setup, namingOf.apply(level),
                    column < 0 ? List.of() : stepMarks(lesson, column));
        }
        return html.append("</body></html>\n").toString();
    }

    /** The question, what each step came to at each level (green as expected, red not), and the answer. */
    private static void lesson(StringBuilder html, LessonView lesson) {
        html.append("<section id=\"lesson\"><h2>The question</h2><p class=\"question\">").append(Html.esc(lesson.question()))
                .append("</p><table class=\"lesson-steps\"><thead><tr><th>#</th><th>step</th>");
        lesson.levels().forEach(l -> html.append("<th>").append(Html.esc(l)).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (int i = 0; i < lesson.rows().size(); i++) {
            LessonView.Row row = lesson.rows().get(i);
            html.append("<tr><td>").append(i + 1).append("</td><td>").append(Html.esc(row.step())).append("</td>");
            for (int c = 0; c < row.cells().size(); c++) {
                LessonView.Cell cell = row.cells().get(c);
                String state = cell.expected() == null ? "plain" : cell.met() ? "met" : "unmet";
                html.append("<td class=\"").append(state).append("\" data-level=\"").append(Html.esc(lesson.levels().get(c)))
                        .append("\">").append(Html.esc(LessonView.cell(cell))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");
        if (lesson.rows().stream().anyMatch(row -> row.step().startsWith("wait until ") && row.step().endsWith(" down"))) {
            html.append("<p class=\"note\">").append(Html.esc(CassandraSettings.CONVICTION)).append("</p>");
        }
        html.append("<h2>The answer</h2><p class=\"answer\">").append(Html.esc(lesson.answer()))
                .append("</p></section>");
    }

    /** A history checked on its own has no consistency level and no expectations: its file names the row, and no column claims either. */
    private static void comparison(StringBuilder html, List<LevelReport> levels) {
        boolean expectations = levels.stream().anyMatch(l -> l.unmet() != null);
        html.append("<section id=\"comparison\"><h2>")
                .append(levels.size() > 1 ? "ONE versus QUORUM: the levels side by side" : "Result").append("</h2>")
                .append("<table class=\"comparison\"><thead><tr><th>").append(expectations ? "level" : "history")
                .append("</th><th>ok</th><th>fail</th><th>info</th>"
                        + "<th>available outside faults</th><th>available inside faults</th><th>anomalies</th>"
                        + "<th>linearizable</th>").append(expectations ? "<th>expectations</th>" : "").append("</tr></thead><tbody>");
        for (LevelReport l : levels) {
            Availability a = l.availability();
            String linearizable = l.linearizability() == null ? "n/a" : switch (l.linearizability().verdict()) {
                case LINEARIZABLE -> "yes";
                case NOT_LINEARIZABLE -> "no";
                case UNKNOWN -> "unknown";
            };
            html.append("<tr data-level=\"").append(Html.esc(l.level())).append("\">");
            cells(html, l.level(), a.total().ok(), a.total().fail(), a.total().info(),
                    Html.percent(a.outsideFaults().percentAvailable()), Html.percent(a.insideFaults().percentAvailable()),
                    l.anomalies(), linearizable);
            if (expectations) {
                cells(html, l.unmet() == null ? "none" : l.unmet().isEmpty() ? "held" : "NOT MET: " + String.join("; ", l.unmet()));
            }
            html.append("</tr>");
        }
        html.append("</tbody></table></section>");
    }

    private static void availabilityTable(StringBuilder html, List<LevelReport> levels) {
        html.append("<table class=\"availability\"><thead><tr><th>level</th><th>where</th><th>ok</th><th>fail</th>"
                + "<th>info</th><th>ok %</th></tr></thead><tbody>");
        for (LevelReport l : levels) {
            for (String where : List.of("outside", "inside")) {
                Availability.Counts c = where.equals("inside") ? l.availability().insideFaults() : l.availability().outsideFaults();
                html.append("<tr data-level=\"").append(Html.esc(l.level())).append("\" data-where=\"").append(where).append("\">");
                cells(html, l.level(), where + " faults", c.ok(), c.fail(), c.info(), Html.percent(c.percentAvailable()));
                html.append("</tr>");
            }
        }
        html.append("</tbody></table>");
    }

    private static void cells(StringBuilder html, Object... values) {
        for (Object value : values) {
            html.append("<td>").append(Html.esc(value)).append("</td>");
        }
    }

    /** A lesson's steps at one level, as its timeline marks them; empty when the run folder does not say when they ran. */
    private static List<Timeline.StepMark> stepMarks(LessonView lesson, int column) {
        List<Timeline.StepMark> marks = new ArrayList<>();
        for (int i = 0; i < lesson.rows().size(); i++) {
            LessonView.Cell cell = lesson.rows().get(i).cells().get(column);
            if (cell.startNs() == null || cell.endNs() == null) {
                return List.of();
            }
            marks.add(new Timeline.StepMark(i + 1, lesson.rows().get(i).step() + ": " + LessonView.cell(cell),
                    cell.startNs(), cell.endNs()));
        }
        return marks;
    }

    /** @param steps a lesson's steps at this level, drawn instead of the overview and the close-ups; empty for a scenario */
    /** "Cassandra 5.0.6 on local 6.1.0, replication factor 2, 8 clients": what the numbers below were measured on. */
    private static String ran(Platform platform, RunSetup setup) {
        List<String> parts = new ArrayList<>();
        if (!platform.sentence().isEmpty()) {
            parts.add(platform.sentence());
        }
        if (setup.replicationFactor() != null) {
            parts.add("replication factor " + setup.replicationFactor());
        }
        if (setup.clients() != null) {
            parts.add(setup.clients() + " client" + (setup.clients() == 1 ? "" : "s"));
        }
        return String.join(", ", parts);
    }

    private static void level(StringBuilder html, LevelReport level, List<Operation> ops, RunSetup setup, Naming naming,
                              List<Timeline.StepMark> steps) {
        html.append("<section class=\"level\" data-level=\"").append(Html.esc(level.level())).append("\"><h2>")
                .append(Html.esc(level.level())).append("</h2>");
        List<Availability.Window> windows = level.availability().windows();
        html.append("<p class=\"counts\">").append(Html.esc(counts(ops, windows.size(), naming)))
                .append(level.timeIsIndex() ? "; the history has no times, so the axis is the event index" : "")
                .append(".</p>");
        List<Long> anomalyTimes = new ArrayList<>();
        Set<Long> anomalyOps = new HashSet<>();
        List<Timeline.Focus> focuses = new ArrayList<>();
        for (PartitionResult p : level.violations()) {
            Operation bad = p.counterexample().unlinearizable();
            anomalyTimes.add(bad.invoke().time());
            anomalyOps.add(bad.invoke().index());
            focuses.add(new Timeline.Focus(bad.invoke().time(), "anomaly on " + AnomalyView.keyName(p)));
        }
        for (Availability.Window w : windows) {
            focuses.add(new Timeline.Focus(w.from(), w.fault() + " starts"));
            focuses.add(new Timeline.Focus(w.to(), w.fault() + " heals"));
        }
        if (steps.isEmpty()) {
            html.append("<h3>Timeline (overview: each ").append(naming.clients() == null ? "process" : "client")
                    .append(" per time slice)</h3>")
                    .append(Timeline.overview(level, ops, anomalyTimes, naming));
            html.append("<p class=\"legend\"><span class=\"swatch ok\"></span>ok <span class=\"swatch fail\"></span>fail "
                    + "<span class=\"swatch info\"></span>info (indeterminate: may or may not have happened); a slice turns red or orange "
                    + "when 5% of its ops failed or were indeterminate, pale while under half "
                    + "<span class=\"swatch band\"></span>fault window <span class=\"mark\">▼</span>anomaly</p>");
        } else {
            Map<Long, String> stepOfOp = new HashMap<>();
            ops.forEach(op -> {
                Integer step = naming.step(op);
                if (step != null) {
                    stepOfOp.put(op.invoke().index(), step + ". ");
                }
            });
            html.append("<h3>The steps at ").append(Html.esc(level.level())).append(", waits cut short</h3>")
                    .append(Timeline.lesson(level, ops, steps, anomalyOps, stepOfOp, naming));
            html.append("<p class=\"legend\">Each bar is an op, numbered by its step; the numbers on top mark where each step "
                    + "began. <span class=\"cut-mark\">//</span> marks a wait cut short (its length under the axis): the failure "
                    + "detectors deciding, drawn to no scale. <span class=\"swatch ok\"></span>ok <span class=\"swatch fail\"></span>fail "
                    + "<span class=\"swatch info\"></span>info (indeterminate) <span class=\"swatch band\"></span>fault window</p>");
        }
        html.append("<p class=\"legend processes\">").append(Html.esc(processes(ops, naming))).append("</p>");
        html.append("<h3>Checks</h3><ul class=\"checks\">");
        for (CheckerResult check : level.checks()) {
            html.append("<li data-checker=\"").append(Html.esc(check.checker())).append("\" data-validity=\"")
                    .append(check.validity()).append("\"><b>").append(Html.esc(check.checker())).append("</b>: ")
                    .append(Html.esc(check.summary())).append("</li>");
        }
        html.append("</ul><h3>Anomalies</h3>");
        if (level.checks().isEmpty()) {
            html.append("<p class=\"none\">Not checked.</p>");
        } else if (level.anomalies() == 0) {
            html.append("<p class=\"none\">None found")
                    .append(level.checks().stream().anyMatch(c -> c.validity() == Validity.UNKNOWN)
                            ? " (but " + level.checks().stream().filter(c -> c.validity() == Validity.UNKNOWN)
                                    .map(CheckerResult::checker).collect(Collectors.joining(" and "))
                                    + " could not decide: see Checks)" : "")
                    .append(".</p>");
        }
        // linearizability and lost writes have views of their own; any other checker's findings are drawn alike
        for (CheckerResult check : level.checks()) {
            if (check instanceof LinearizabilityResult linearizability) {
                linearizability.check().violations().forEach(p -> html.append(AnomalyView.counterexample(level, p, naming, setup.replicationFactor())));
            } else if (check instanceof LostWrites lost) {
                if (!lost.lost().isEmpty() || !lost.duplicates().isEmpty()) {
                    html.append(AnomalyView.lostWrites(level, lost));
                }
                html.append(AnomalyView.findings(level, check.checker(), lost.findings().stream()
                        .filter(f -> !f.kind().equals(LostWrites.LOST) && !f.kind().equals(LostWrites.DUPLICATE)).toList(), naming));
            } else {
                html.append(AnomalyView.findings(level, check.checker(), check.findings(), naming));
            }
        }
        if (handedOff(level, ops) && hintsPossible(level.level(), setup.replicationFactor())) {
            html.append(Explanation.HINTED_HANDOFF.html());
        }
        List<String> details = steps.isEmpty() ? Timeline.windows(level, ops, focuses, anomalyOps, naming) : List.of();
        if (!details.isEmpty()) {
            html.append("<h3>Close-ups around anomalies and fault transitions</h3>");
            details.forEach(html::append);
        }
        html.append("</section>");
    }

    /** "2302 ops: 2294 by 8 clients under 55 process ids, 8 by the harness (seeding writes, final reads); 1 fault window". */
    static String counts(List<Operation> ops, int faultWindows, Naming naming) {
        long harness = ops.stream().filter(op -> Naming.harness(op.process())).count();
        long ids = Naming.processIds(ops);
        String by = naming.clients() == null
                ? (ops.size() - harness) + " by " + ids + " client processes"
                : (ops.size() - harness) + " by " + naming.clients() + " clients under " + ids + " process ids";
        return ops.size() + " ops: " + by + (harness == 0 ? "" : ", " + harness + " by the harness (seeding writes, final reads)")
                + "; " + faultWindows + (faultWindows == 1 ? " fault window" : " fault windows");
    }

    /** Why a history names more processes than the run had clients. */
    static String processes(List<Operation> ops, Naming naming) {
        long ids = Naming.processIds(ops);
        String rule = "a client continues under a new id after an op that timed out (indeterminate: it may still take "
                + "effect, so its process stays open)";
        if (naming.clients() == null) {
            return ids + " process ids: " + rule + ".";
        }
        return naming.clients() + " clients, one lane each; " + ids + " process ids: " + rule + ".";
    }

    /**
     * Hints exist only where a write was acknowledged before every replica had it: at a level that needs
     * fewer replicas than the replication factor (ONE at RF=2, QUORUM at RF=3), never at QUORUM with RF=2.
     */
    static boolean hintsPossible(String level, Integer replicationFactor) {
        if (replicationFactor == null) {
            return false;
        }
        int needed = switch (level) {
            case "ONE", "LOCAL_ONE", "ANY" -> 1;
            case "TWO" -> 2;
            case "THREE" -> 3;
            case "QUORUM", "LOCAL_QUORUM", "EACH_QUORUM" -> replicationFactor / 2 + 1;
            default -> replicationFactor;
        };
        return needed < replicationFactor;
    }

    /**
     * A level refused work: an Unavailable error, or failed ops inside fault windows making it at least
     * 5 points less available there than outside. Timeouts alone do not count: they may have taken effect.
     */
    static boolean unavailable(LevelReport level, List<Operation> ops) {
        Availability a = level.availability();
        boolean refused = ops.stream().anyMatch(op -> op.outcome() == OpType.FAIL && op.error() != null
                && op.error().startsWith("Unavailable"));
        return refused || (a.insideFaults().fail() > 0 && a.insideFaults().percentAvailable() < a.outsideFaults().percentAvailable() - 5);
    }

    /** Writes were acknowledged during a fault that healed before the end: hints carry them over on healing. */
    static boolean handedOff(LevelReport level, List<Operation> ops) {
        long end = level.history().ops().stream().mapToLong(Op::time).max().orElse(0);
        return level.availability().windows().stream().filter(w -> w.to() < end).anyMatch(w -> ops.stream()
                .anyMatch(op -> op.outcome() == OpType.OK && !op.f().equals("read")
                        && op.invoke().time() >= w.from() && op.invoke().time() <= w.to()));
    }

    private static final String CSS = String.join("", List.of(
            "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1240px;color:#222;padding:0 12px}",
            "h1{font-size:24px;margin:0 0 6px}h2{font-size:19px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:30px}",
            "h3{font-size:15px;margin:18px 0 6px}h4{margin:4px 0 8px;font-size:14px}",
            "table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}",
            "th:first-child,td:first-child{text-align:left}thead{background:#f3f3f3}",
            "svg{display:block;max-width:100%;height:auto;font-size:11px;margin:6px 0}",
            ".ok rect,rect.ok,.swatch.ok{fill:#43a047;background:#43a047}",
            ".fail rect,rect.fail,.swatch.fail{fill:#e53935;background:#e53935}rect.some{fill-opacity:.4}",
            ".info rect,rect.info,.swatch.info{fill:#fb8c00;background:#fb8c00}",
            ".op.info rect{fill-opacity:.45;stroke:#fb8c00;stroke-dasharray:4 3}",
            ".op.highlighted rect{stroke:#4a148c;stroke-width:3}.op text{fill:#fff;font-size:10px}.op text.outside{fill:#333}.op.info text{fill:#5d4037}",
            ".fault-band rect,.swatch.band{fill:#90a4ae;fill-opacity:.22;background:#cfd8dc}",
            ".fault-edge{stroke:#37474f;stroke-width:1.5;stroke-dasharray:4 2}",
            ".cut-ground{fill:#f4f4f4}.cut path{fill:none;stroke:#555}.cut path.edge{stroke-width:.8;stroke-dasharray:2 2}",
            ".cut path.slash{stroke-width:1.6}.cut text{fill:#555;font-style:italic}",
            ".step line{stroke:#1565c0}.step text{fill:#1565c0;font-weight:600}.cut-mark{color:#555;font-weight:600}",
            ".fault-band text{fill:#37474f;font-size:10px}.anomaly-mark,.mark{fill:#6a1b9a;color:#6a1b9a}",
            ".axis line{stroke:#999}.axis text,.lane{fill:#555}rect.track{fill:#eee}",
            ".latency path{fill:none;stroke-width:1.6}.latency path.p99{stroke-dasharray:5 3}",
            ".latency .fault-band rect{fill-opacity:.08}.latency .fault-band text{fill-opacity:.9}",
            ".swatch{display:inline-block;width:12px;height:12px;margin:0 4px 0 10px;vertical-align:-2px}",
            ".legend{color:#555;font-size:12px}.none{color:#2e7d32}",
            ".anomaly{border:1px solid #d1c4e9;border-left:5px solid #6a1b9a;padding:8px 12px;margin:12px 0;background:#fbf9ff}",
            ".why{font-weight:600}.explanation{background:#fffde7;border:1px solid #fff59d;padding:6px 12px;margin:8px 0}",
            ".explanation h4{margin:2px 0}.explanation p{margin:4px 0}.steps ol,.steps ul{margin:2px 0 6px;padding-left:4em}",
            ".window{margin:10px 0}.window figcaption{font-size:12px;color:#555}",
            ".lesson-steps td,.lesson-steps th{text-align:left}.lesson-steps td.met{background:#e8f5e9}.lesson-steps td.unmet{background:#ffebee}",
            ".question,.answer{font-size:15px;max-width:60em}.answer{background:#e3f2fd;border:1px solid #90caf9;padding:8px 12px}"));
}
