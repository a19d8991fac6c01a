package dev.faultline.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.checker.Availability;
import dev.faultline.checker.CheckResult;
import dev.faultline.checker.Counterexample;
import dev.faultline.checker.PartitionResult;
import dev.faultline.checker.Verdict;
import dev.faultline.history.Echo;
import dev.faultline.history.History;
import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.InputFile;
import dev.faultline.history.JsonlHistory;
import dev.faultline.history.Operation;
import dev.faultline.scenario.LevelResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
    /** A run's analysis.json is kilobytes to a few megabytes; far past that it is not one. */
    private static final long MAX_ANALYSIS_BYTES = 64L << 20;

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
        if (!Files.exists(analysisFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new HistoryFormatException(analysisFile.toString(), 0, "no such file: is this a run folder (results/<run>)?");
        }
        JsonNode root;
        try {
            root = JSON.readTree(InputFile.readSmall(analysisFile, "a run's analysis.json", MAX_ANALYSIS_BYTES));
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new HistoryFormatException(analysisFile.toString(), where == null ? 0 : Math.max(0, where.getLineNr()),
                    where == null ? 0 : Math.max(0, where.getColumnNr()), "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new HistoryFormatException(analysisFile.toString(), 1, "expected a JSON object with \"levels\", as faultline run writes");
        }
        List<LevelReport> levels = new ArrayList<>();
        JsonNode levelNodes = required(root, "levels", analysisFile);
        if (!levelNodes.isArray()) {
            throw new HistoryFormatException(analysisFile.toString(), 0, "field 'levels' must be a list of levels");
        }
        for (JsonNode level : levelNodes) {
            if (!level.isObject()) {
                throw new HistoryFormatException(analysisFile.toString(), 0, "every item of 'levels' must be an object");
            }
            String name = Echo.of(required(level, "level", analysisFile).asText());
            String historyName = required(level, "history", analysisFile).asText();
            // analysis.json is data: it may name a history of its own run folder, never a path elsewhere
            boolean plain = !historyName.isEmpty() && historyName.indexOf('\0') < 0 && !historyName.startsWith("/");
            Path historyFile = plain ? runDir.resolve(historyName).normalize() : null;
            if (historyFile == null || !historyFile.startsWith(runDir.normalize())) {
                throw new HistoryFormatException(analysisFile.toString(), 0, "level " + name + " names history '"
                        + Echo.of(historyName) + "'; allowed: a path inside the run folder, such as QUORUM/history.jsonl");
            }
            if (!Files.exists(historyFile)) {
                throw new HistoryFormatException(analysisFile.toString(), 0,
                        "level " + name + " names history " + historyFile + ", which does not exist");
            }
            History history = JsonlHistory.read(historyFile, warnings);
            try {
                levels.add(new LevelReport(name, history, false, Availability.of(history),
                        check(level, history, analysisFile), values(level.get("lost_writes")), values(level.get("duplicates")),
                        strings(level.get("unmet_expectations"), "unmet_expectations", analysisFile)));
            } catch (IllegalArgumentException e) {
                throw new HistoryFormatException(historyFile.toString(), 0, e.getMessage());
            }
        }
        Path out = runDir.resolve(FILE);
        ReportHtml.write(out, root.path("scenario").asText(runDir.getFileName().toString()),
                root.path("description").asText(""), setup(root), lesson(root, analysisFile), levels);
        return out;
    }

    /** What analysis.json says of the clients and replication factor; a run folder of an older release says nothing. */
    private static RunSetup setup(JsonNode root) {
        JsonNode clients = root.get("clients");
        JsonNode rf = root.get("replication_factor");
        return new RunSetup(clients != null && clients.canConvertToInt() && clients.isIntegralNumber() ? clients.asInt() : null,
                rf != null && rf.canConvertToInt() && rf.isIntegralNumber() ? rf.asInt() : null);
    }

    private static LessonView lesson(JsonNode root, Path file) {
        if (!root.has("lesson")) {
            return null;
        }
        LessonView lesson;
        try {
            lesson = JSON.treeToValue(root.get("lesson"), LessonView.class);
        } catch (IOException | IllegalArgumentException e) {
            throw malformedLesson(file);
        }
        boolean complete = lesson != null && lesson.question() != null && lesson.answer() != null
                && lesson.levels() != null && !lesson.levels().contains(null) && lesson.rows() != null
                && lesson.rows().stream().allMatch(row -> row != null && row.step() != null && row.cells() != null
                        && row.cells().size() == lesson.levels().size()
                        && row.cells().stream().allMatch(cell -> cell != null && cell.outcome() != null));
        if (!complete) {
            throw malformedLesson(file);
        }
        return lesson;
    }

    private static HistoryFormatException malformedLesson(Path file) {
        return new HistoryFormatException(file.toString(), 0, "field 'lesson' is malformed; allowed: question, answer, "
                + "levels, and rows of a step and one cell {outcome, expected, met} per level, as faultline run writes");
    }

    private static List<String> strings(JsonNode array, String field, Path file) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                break;
            }
            strings.add(item.asText());
        }
        if (!array.isArray() || strings.size() != array.size()) {
            throw new HistoryFormatException(file.toString(), 0, "field '" + field + "' must be a list of strings");
        }
        return strings;
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
                    "verdict '" + Echo.of(name) + "' is not one of LINEARIZABLE, NOT_LINEARIZABLE, UNKNOWN");
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
