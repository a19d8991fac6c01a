package dev.faultline.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.checker.Availability;
import dev.faultline.checker.CheckResult;
import dev.faultline.checker.Counterexample;
import dev.faultline.checker.PartitionResult;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.JsonlHistory;
import dev.faultline.history.Operation;
import dev.faultline.scenario.LevelResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * report.html for a run folder: from the run's results as they are computed, or later from its
 * histories and analysis.json, whose counterexamples are mapped back onto the history's ops so the
 * page shows exactly what analysis.json says, without checking again.
 */
public final class RunReport {

    public static final String FILE = "report.html";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReport() {
    }

    static LevelReport of(LevelResult level, History history) {
        return new LevelReport(level.level().name(), history, false, level.availability(), level.linearizability(),
                level.lostWrites() == null ? null : level.lostWrites().lost(),
                level.lostWrites() == null ? null : level.lostWrites().duplicates(), level.unmet());
    }

    /**
     * Rebuilds the report of a run folder.
     *
     * @throws HistoryFormatException when analysis.json or a history is missing or malformed
     */
    public static Path regenerate(Path runDir, Consumer<String> warnings) {
        Path analysisFile = runDir.resolve("analysis.json");
        if (!Files.isRegularFile(analysisFile)) {
            throw new HistoryFormatException(analysisFile.toString(), 0, "no such file: is this a run folder (results/<run>)?");
        }
        JsonNode root;
        try {
            root = JSON.readTree(analysisFile.toFile());
        } catch (IOException e) {
            throw new HistoryFormatException(analysisFile.toString(), 0, "not valid JSON: " + e.getMessage());
        }
        List<LevelReport> levels = new ArrayList<>();
        for (JsonNode level : required(root, "levels", analysisFile)) {
            String name = required(level, "level", analysisFile).asText();
            Path historyFile = runDir.resolve(required(level, "history", analysisFile).asText());
            if (!Files.isRegularFile(historyFile)) {
                throw new HistoryFormatException(analysisFile.toString(), 0,
                        "level " + name + " names history " + historyFile + ", which does not exist");
            }
            History history = JsonlHistory.read(historyFile, warnings);
            levels.add(new LevelReport(name, history, false, Availability.of(history),
                    check(level, history, analysisFile), values(level.get("lost_writes")), values(level.get("duplicates")),
                    level.has("unmet_expectations")
                            ? JSON.convertValue(level.get("unmet_expectations"), JSON.getTypeFactory()
                                    .constructCollectionType(List.class, String.class))
                            : List.of()));
        }
        Path out = runDir.resolve(FILE);
        ReportHtml.write(out, root.path("scenario").asText(runDir.getFileName().toString()),
                root.path("description").asText(""), lesson(root, analysisFile), levels);
        return out;
    }

    private static LessonView lesson(JsonNode root, Path file) {
        if (!root.has("lesson")) {
            return null;
        }
        try {
            return JSON.treeToValue(root.get("lesson"), LessonView.class);
        } catch (IOException e) {
            throw new HistoryFormatException(file.toString(), 0, "field 'lesson' is malformed: " + e.getMessage());
        }
    }

    private static CheckResult check(JsonNode level, History history, Path file) {
        if (!level.has("linearizability")) {
            return null;
        }
        Map<Long, Operation> byInvoke = new HashMap<>();
        history.operations().forEach(op -> byInvoke.put(op.invoke().index(), op));
        List<PartitionResult> partitions = new ArrayList<>();
        for (JsonNode key : level.path("keys")) {
            Counterexample why = null;
            JsonNode c = key.get("counterexample");
            if (c != null) {
                List<Operation> concurrent = new ArrayList<>();
                for (JsonNode op : c.path("concurrent")) {
                    concurrent.add(op(op, byInvoke, file));
                }
                List<Counterexample.Step> prefix = new ArrayList<>();
                for (JsonNode step : c.path("longest_prefix")) {
                    prefix.add(new Counterexample.Step(op(step.get("op"), byInvoke, file), step.path("state_after").asText()));
                }
                why = new Counterexample(op(c.get("unlinearizable"), byInvoke, file), c.path("state_before").asText(),
                        concurrent, prefix);
            }
            partitions.add(new PartitionResult(key.path("key").asText(), verdict(key.path("verdict").asText(), file), key.path("operations").asInt(),
                    why, key.path("unknown_reason").asText(null), 0));
        }
        return new CheckResult("from analysis.json", verdict(level.get("linearizability").asText(), file), partitions,
                Duration.ofMillis(level.path("check_ms").asLong()));
    }

    private static Operation op(JsonNode node, Map<Long, Operation> byInvoke, Path file) {
        long index = node == null ? -1 : node.path("invoke_index").asLong(-1);
        Operation op = byInvoke.get(index);
        if (op == null) {
            throw new HistoryFormatException(file.toString(), 0,
                    "a counterexample names op invoke_index " + index + ", which its history does not hold");
        }
        return op;
    }

    private static Verdict verdict(String name, Path file) {
        try {
            return Verdict.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException(file.toString(), 0,
                    "verdict '" + name + "' is not one of LINEARIZABLE, NOT_LINEARIZABLE, UNKNOWN");
        }
    }

    private static List<Object> values(JsonNode array) {
        if (array == null) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        array.forEach(v -> values.add(v.isIntegralNumber() ? (Object) v.asLong() : v.isTextual() ? v.asText() : v.toString()));
        return values;
    }

    private static JsonNode required(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new HistoryFormatException(file.toString(), 0, "field '" + field + "' is missing");
        }
        return value;
    }
}
