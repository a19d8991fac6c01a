package dev.faultline.report;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.Availability;
import dev.faultline.checker.Finding;
import dev.faultline.checker.LostWrites;
import dev.faultline.checker.Counterexample;
import dev.faultline.checker.PartitionResult;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One anomaly drawn: its minimal counterexample, a sentence on why no order is legal, and what it means. */
final class AnomalyView {

    private static final int PREFIX_DRAWN = 8;
    private static final int CONCURRENT_DRAWN = 12;
    private static final int FINDINGS_DRAWN = 20;

    private AnomalyView() {
    }

    static boolean clockSkew(LevelReport level) {
        return level.availability().clocksSkewed();
    }

    static Anomaly anomaly(LevelReport level, PartitionResult partition) {
        return Anomaly.of(partition.counterexample(), level.history().operations(), clockSkew(level));
    }

    /** @param replicationFactor the run's, for the explanation; null for a history that does not carry it */
    static String counterexample(LevelReport level, PartitionResult partition, Naming naming, Integer replicationFactor) {
        Counterexample why = partition.counterexample();
        Anomaly anomaly = anomaly(level, partition);
        Explanation kind = Explanation.of(anomaly.kind());
        Operation bad = why.unlinearizable();
        List<Counterexample.Step> prefix = why.longestPrefix();
        List<Counterexample.Step> drawnPrefix = prefix.subList(Math.max(0, prefix.size() - PREFIX_DRAWN), prefix.size());
        Map<Long, Operation> drawn = new LinkedHashMap<>();
        Map<Long, String> notes = new HashMap<>();
        for (int i = 0; i < drawnPrefix.size(); i++) {
            Operation op = drawnPrefix.get(i).op();
            drawn.put(op.invoke().index(), op);
            notes.put(op.invoke().index(), (prefix.size() - drawnPrefix.size() + i + 1) + ". ");
        }
        why.concurrent().stream().limit(CONCURRENT_DRAWN).forEach(op -> drawn.putIfAbsent(op.invoke().index(), op));
        drawn.put(bad.invoke().index(), bad);
        notes.put(bad.invoke().index(), "✗ ");
        List<Operation> ops = new ArrayList<>(drawn.values());
        ops.sort(java.util.Comparator.comparingInt(Operation::callAt));
        // An indeterminate op may have been invoked long before; its bar is clipped at the left edge
        // rather than squeezing the ops that matter into a corner.
        List<Operation> spanning = ops.stream().anyMatch(o -> !o.isIndeterminate())
                ? ops.stream().filter(o -> !o.isIndeterminate()).toList() : ops;
        long from = spanning.stream().mapToLong(o -> o.invoke().time()).min().orElseThrow();
        long to = spanning.stream().mapToLong(o -> o.completion() == null ? o.invoke().time() : o.completion().time())
                .max().orElseThrow();
        long origin = level.history().ops().stream().mapToLong(o -> o.time()).min().orElse(0);
        List<Availability.Window> faults = level.availability().windows();

        StringBuilder html = new StringBuilder();
        html.append("<div class=\"anomaly\" data-level=\"").append(Html.esc(level.level())).append("\" data-kind=\"")
                .append(kind.kind).append("\" data-key=\"").append(Html.esc(key(partition))).append("\" data-invoke-index=\"")
                .append(bad.invoke().index()).append("\">");
        html.append("<h4>").append(Html.esc(kind.title)).append(" on ").append(Html.esc(keyName(partition)))
                .append(": ").append(Html.esc(naming.op(bad))).append("</h4>");
        Axis axis = Timeline.withMargin(from, to, Timeline.busy(spanning, List.of()), level.timeIsIndex());
        html.append(Timeline.bars(ops, axis, origin, faults, Set.of(bad.invoke().index()), notes, naming, List.of()));
        html.append("<p class=\"legend\">Numbered bars are the longest order the checker could make legal; ✗ is the op "
                + "that cannot follow it; the other bars ran concurrently with it.</p>");
        html.append("<div class=\"steps\"><p>Longest linearizable prefix (state after each op):</p><ol class=\"prefix\" start=\"")
                .append(prefix.size() - drawnPrefix.size() + 1).append("\">");
        for (Counterexample.Step step : drawnPrefix) {
            html.append("<li data-invoke-index=\"").append(step.op().invoke().index()).append("\">")
                    .append(Html.esc(naming.ref(step.op()))).append(' ').append(Html.esc(naming.describe(step.op()))).append(" → <b>")
                    .append(Html.esc(step.stateAfter())).append("</b></li>");
        }
        if (prefix.isEmpty()) {
            html.append("<li class=\"empty\">(nothing: the op fails from the initial state ")
                    .append(Html.esc(why.stateBefore())).append(")</li>");
        }
        html.append("</ol><p>Cannot follow: <span class=\"unlinearizable\" data-invoke-index=\"").append(bad.invoke().index())
                .append("\">").append(Html.esc(naming.ref(bad))).append(' ').append(Html.esc(naming.describe(bad))).append("</span></p>");
        html.append("<p>Concurrent with it:</p><ul class=\"concurrent\">");
        for (Operation op : why.concurrent()) {
            html.append("<li data-invoke-index=\"").append(op.invoke().index()).append("\">").append(Html.esc(naming.ref(op)))
                    .append(' ').append(Html.esc(naming.describe(op))).append("</li>");
        }
        if (why.concurrent().isEmpty()) {
            html.append("<li class=\"empty\">none</li>");
        }
        html.append("</ul></div><p class=\"why\">").append(Html.esc(naming.inSentence(anomaly.sentence()))).append("</p>");
        return html.append(kind.html(replicationFactor)).append("</div>").toString();
    }

    static String lostWrites(LevelReport level, LostWrites lost) {
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"anomaly\" data-level=\"").append(Html.esc(level.level())).append("\" data-kind=\"")
                .append(clockSkew(level) ? Explanation.LOST_UPDATE_LWW.kind : Explanation.LOST_WRITE.kind).append("\">");
        html.append("<h4>").append(lost.lost().size()).append(" acknowledged writes missing from the final read</h4>");
        values(html, "lost", lost.lost());
        if (!lost.duplicates().isEmpty()) {
            html.append("<p>").append(lost.duplicates().size()).append(" values read more than once:</p>");
            values(html, "duplicates", lost.duplicates());
        }
        html.append((clockSkew(level) ? Explanation.LOST_UPDATE_LWW : Explanation.LOST_WRITE).html());
        return html.append("</div>").toString();
    }

    /** A checker's findings as it told them: the kind, the sentence, and the ops named. */
    static String findings(LevelReport level, String checker, List<Finding> findings, Naming naming) {
        StringBuilder html = new StringBuilder();
        for (Finding finding : findings.subList(0, Math.min(FINDINGS_DRAWN, findings.size()))) {
            html.append("<div class=\"anomaly finding\" data-level=\"").append(Html.esc(level.level()))
                    .append("\" data-checker=\"").append(Html.esc(checker)).append("\" data-kind=\"")
                    .append(Html.esc(finding.kind())).append("\"><h4>").append(Html.esc(finding.title())).append("</h4><p>")
                    .append(Html.esc(naming.inSentence(finding.sentence()))).append("</p><ul class=\"ops\">");
            for (Operation op : finding.ops()) {
                html.append("<li data-invoke-index=\"").append(op.invoke().index()).append("\">")
                        .append(Html.esc(naming.ref(op) + " " + naming.who(op.process()) + ": " + Naming.bar(op))).append("</li>");
            }
            html.append("</ul></div>");
        }
        if (findings.size() > FINDINGS_DRAWN) {
            html.append("<p class=\"more\">… ").append(findings.size() - FINDINGS_DRAWN).append(" more ")
                    .append(Html.esc(checker)).append(" findings in analysis.json</p>");
        }
        return html.toString();
    }

    private static void values(StringBuilder html, String cls, List<Object> values) {
        html.append("<ul class=\"").append(cls).append("\">");
        values.stream().limit(200).forEach(v -> html.append("<li data-value=\"").append(Html.esc(v)).append("\">")
                .append(Html.esc(Values.show(v))).append("</li>"));
        if (values.size() > 200) {
            html.append("<li class=\"more\">… ").append(values.size() - 200).append(" more</li>");
        }
        html.append("</ul>");
    }

    /** The key as analysis.json writes it. */
    static String key(PartitionResult partition) {
        return String.valueOf(partition.key());
    }

    static String keyName(PartitionResult partition) {
        return partition.key() == null ? "the history" : "key " + partition.key();
    }
}
