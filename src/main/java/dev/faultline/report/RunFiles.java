package dev.faultline.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.checker.Availability;
import dev.faultline.checker.CheckResult;
import dev.faultline.checker.Counterexample;
import dev.faultline.checker.PartitionResult;
import dev.faultline.history.EdnHistory;
import dev.faultline.history.History;
import dev.faultline.history.JsonlHistory;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import dev.faultline.lesson.Lesson;
import dev.faultline.lesson.LessonLevel;
import dev.faultline.scenario.LevelResult;
import dev.faultline.scenario.Scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a run leaves beside its histories: analysis.json (everything, for tools and the HTML
 * report), summary.md (the comparison table a person reads first), report.html (drawn and explained),
 * and each history as Jepsen EDN so Knossos and Elle can check it too.
 */
public final class RunFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunFiles() {
    }

    public static void write(Path runDir, Scenario scenario, long seed, Platform platform, List<LevelResult> levels) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", scenario.name());
        root.put("description", scenario.description());
        root.put("seed", seed);
        root.put("backend", platform.backend());
        root.put("cassandra_version", platform.cassandraVersion());
        root.put("duration_ms", scenario.duration().toMillis());
        write(runDir, root, new RunSetup(scenario.workload().concurrency(), scenario.cluster().replicationFactor()),
                Summary.markdown(scenario, seed, levels), null, levels);
    }

    /** A lesson's run: as a scenario's, plus the question, each step's outcome per level, and the answer. */
    public static void write(Path runDir, Lesson lesson, Platform platform, List<LessonLevel> levels) {
        LessonView view = LessonView.of(lesson, levels);
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", lesson.name());
        root.put("description", view.question());
        root.put("backend", platform.backend());
        root.put("cassandra_version", platform.cassandraVersion());
        root.set("lesson", JSON.valueToTree(view));
        List<LevelResult> results = levels.stream().map(LessonLevel::result).toList();
        // a lesson numbers its processes in order of use, not by slot: its report names them from the steps
        write(runDir, root, new RunSetup(null, lesson.cluster().replicationFactor()),
                Summary.markdown(lesson.name(), view, results), view, results);
    }

    private static void write(Path runDir, ObjectNode root, RunSetup setup, String summary, LessonView lesson,
                              List<LevelResult> levels) {
        root.put("clients", setup.clients());
        root.put("replication_factor", setup.replicationFactor());
        List<LevelReport> reports = new ArrayList<>();
        for (LevelResult level : levels) {
            History history = JsonlHistory.read(level.history(), w -> { });
            EdnHistory.write(history, level.history().resolveSibling("history.edn"));
            reports.add(RunReport.of(level, history));
        }
        writeAtomically(runDir.resolve("analysis.json"), analysis(runDir, root, levels));
        writeAtomically(runDir.resolve("summary.md"), summary);
        ReportHtml.write(runDir.resolve(RunReport.FILE), root.path("scenario").asText(), root.path("description").asText(),
                setup, lesson, reports);
    }

    static String analysis(Path runDir, ObjectNode root, List<LevelResult> levels) {
        root.put("expectations_held", levels.stream().allMatch(LevelResult::expectationsHeld));
        ArrayNode out = root.putArray("levels");
        for (LevelResult level : levels) {
            ObjectNode l = out.addObject();
            l.put("level", level.level().name());
            l.put("history", runDir.relativize(level.history()).toString());
            Availability a = level.availability();
            l.set("ops", counts(a.total()));
            l.set("inside_faults", counts(a.insideFaults()));
            l.set("outside_faults", counts(a.outsideFaults()));
            ArrayNode windows = l.putArray("fault_windows");
            for (Availability.Window w : a.windows()) {
                windows.addObject().put("fault", w.fault()).put("description", w.description())
                        .put("from_ns", w.from()).put("to_ns", w.to());
            }
            CheckResult check = level.linearizability();
            if (check != null) {
                l.put("linearizability", check.verdict().name());
                l.put("check_ms", check.elapsed().toMillis());
                ArrayNode keys = l.putArray("keys");
                for (PartitionResult p : check.partitions()) {
                    ObjectNode k = keys.addObject();
                    k.put("key", String.valueOf(p.key()));
                    k.put("verdict", p.verdict().name());
                    k.put("operations", p.operations());
                    if (p.unknownReason() != null) {
                        k.put("unknown_reason", p.unknownReason());
                    }
                    if (p.counterexample() != null) {
                        k.set("counterexample", counterexample(p.counterexample()));
                    }
                }
            }
            if (level.lostWrites() != null) {
                ArrayNode lost = l.putArray("lost_writes");
                level.lostWrites().lost().forEach(lost::addPOJO);
                ArrayNode duplicates = l.putArray("duplicates");
                level.lostWrites().duplicates().forEach(duplicates::addPOJO);
            }
            ArrayNode unmet = l.putArray("unmet_expectations");
            level.unmet().forEach(unmet::add);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode counts(Availability.Counts c) {
        ObjectNode counts = JSON.createObjectNode().put("ok", c.ok()).put("fail", c.fail()).put("info", c.info())
                .put("declined", c.declined());
        // no ops: nothing was measured, which is not 100 %
        return Double.isNaN(c.percentAvailable()) ? counts.putNull("percent_available")
                : counts.put("percent_available", Math.round(c.percentAvailable() * 10) / 10.0);
    }

    private static ObjectNode counterexample(Counterexample c) {
        ObjectNode node = JSON.createObjectNode();
        node.set("unlinearizable", operation(c.unlinearizable()));
        node.put("state_before", c.stateBefore());
        ArrayNode concurrent = node.putArray("concurrent");
        c.concurrent().forEach(op -> concurrent.add(operation(op)));
        ArrayNode prefix = node.putArray("longest_prefix");
        for (Counterexample.Step step : c.longestPrefix()) {
            prefix.addObject().<ObjectNode>set("op", operation(step.op())).put("state_after", step.stateAfter());
        }
        return node;
    }

    static ObjectNode operation(Operation op) {
        ObjectNode node = JSON.createObjectNode();
        node.put("process", op.process().toString());
        node.put("f", op.f());
        if (op.key() != null) {
            node.put("key", String.valueOf(op.key()));
        }
        node.put("value", Values.show(op.value()));
        node.put("outcome", op.outcome().label());
        node.put("invoke_index", op.invoke().index());
        node.put("invoke_ns", op.invoke().time());
        if (op.completion() != null) {
            node.put("complete_index", op.completion().index());
            node.put("complete_ns", op.completion().time());
        }
        return node;
    }

    /** Write then rename, so a reader never sees half a file. */
    static void writeAtomically(Path file, String text) {
        OutputFile.write(file, text);
    }
}
