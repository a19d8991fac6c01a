package dev.faultline.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.checker.Availability;
import dev.faultline.checker.CheckerResult;
import dev.faultline.checker.Checkers;
import dev.faultline.history.Echo;
import dev.faultline.history.History;
import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.InputFile;
import dev.faultline.history.JsonlHistory;
import dev.faultline.scenario.Consistency;
import dev.faultline.scenario.LevelResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A run's analysis.json, written and read here alone: what the run was, where it ran, and per level
 * the availability and every declared checker's result in that checker's own JSON form.
 *
 * @param seed       the scenario's seed; null for a lesson, which draws nothing
 * @param durationMs how long each level's workload ran; null for a lesson, which runs its steps
 * @param lesson     the lesson's questions and step outcomes; null for a scenario
 */
public record Analysis(String scenario, String description, Long seed, Platform platform, Long durationMs,
                       RunSetup setup, LessonView lesson, List<LevelResult> levels) {

    public static final String FILE = "analysis.json";
    /** A run's analysis.json is kilobytes to a few megabytes; far past that it is not one. */
    private static final long MAX_BYTES = 64L << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Analysis {
        levels = List.copyOf(levels);
    }

    /** A level as read back, with the history its checks name ops of. */
    public record Level(LevelResult result, History history) {
    }

    /** What {@link #read} found: the analysis, and each level's history in level order. */
    public record Read(Analysis analysis, List<Level> levels) {
    }

    /** The text of analysis.json, histories named relative to {@code runDir}. */
    public String json(Path runDir) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", scenario);
        root.put("description", description);
        if (seed != null) {
            root.put("seed", seed);
        }
        root.put("backend", platform.backend());
        root.put("cassandra_version", platform.cassandraVersion());
        if (durationMs != null) {
            root.put("duration_ms", durationMs);
        }
        if (lesson != null) {
            root.set("lesson", JSON.valueToTree(lesson));
        }
        root.put("clients", setup.clients());
        root.put("replication_factor", setup.replicationFactor());
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
            l.put("validity", level.validity().name());
            ArrayNode checks = l.putArray("checks");
            level.checks().forEach(check -> checks.add(check.json()));
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

    /**
     * Reads {@code runDir/analysis.json} and the histories it names, which must lie inside the run folder.
     *
     * @throws HistoryFormatException naming the file and field, when either is missing or malformed
     */
    public static Read read(Path runDir, Consumer<String> warnings) {
        Path file = runDir.resolve(FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new HistoryFormatException(file.toString(), 0, "no such file: is this a run folder (results/<run>)?");
        }
        JsonNode root = root(file);
        JsonNode levelNodes = required(root, "levels", file);
        if (!levelNodes.isArray()) {
            throw new HistoryFormatException(file.toString(), 0, "field 'levels' must be a list of levels");
        }
        List<Level> levels = new ArrayList<>();
        for (JsonNode level : levelNodes) {
            levels.add(level(level, runDir, file, warnings));
        }
        Analysis analysis = new Analysis(root.path("scenario").asText(runDir.getFileName().toString()),
                root.path("description").asText(""), root.path("seed").isIntegralNumber() ? root.get("seed").asLong() : null,
                new Platform(root.path("backend").asText(null), root.path("cassandra_version").asText(null)),
                root.path("duration_ms").isIntegralNumber() ? root.get("duration_ms").asLong() : null,
                setup(root), lesson(root, file), levels.stream().map(Level::result).toList());
        return new Read(analysis, levels);
    }

    /**
     * What names the processes of one level of a run: the run's clients and lesson, and the level whose history
     * {@code history} is; empty when {@code runDir} has no analysis.json or none of its levels names that file.
     *
     * @throws HistoryFormatException when analysis.json is there but malformed
     */
    static Optional<LevelOfRun> levelOf(Path runDir, Path history) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        JsonNode root = root(file);
        for (JsonNode level : root.path("levels")) {
            String name = level.path("level").asText("");
            Path named = runDir.resolve(level.path("history").asText("")).normalize();
            if (named.startsWith(runDir.normalize()) && sameFile(named, history)) {
                return Optional.of(new LevelOfRun(setup(root), lesson(root, file), name));
            }
        }
        return Optional.empty();
    }

    /** A level's place in its run, as {@link #levelOf} finds it. */
    record LevelOfRun(RunSetup setup, LessonView lesson, String level) {
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isRegularFile(a) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static Level level(JsonNode level, Path runDir, Path file, Consumer<String> warnings) {
        if (!level.isObject()) {
            throw new HistoryFormatException(file.toString(), 0, "every item of 'levels' must be an object");
        }
        String name = required(level, "level", file).asText();
        Consistency consistency = Arrays.stream(Consistency.values()).filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new HistoryFormatException(file.toString(), 0, "level '" + Echo.of(name)
                        + "' is not a consistency level; allowed: " + Arrays.toString(Consistency.values())));
        String historyName = required(level, "history", file).asText();
        // analysis.json is data: it may name a history of its own run folder, never a path elsewhere
        boolean plain = !historyName.isEmpty() && historyName.indexOf('\0') < 0 && !historyName.startsWith("/");
        Path historyFile = plain ? runDir.resolve(historyName).normalize() : null;
        if (historyFile == null || !historyFile.startsWith(runDir.normalize())) {
            throw new HistoryFormatException(file.toString(), 0, "level " + name + " names history '"
                    + Echo.of(historyName) + "'; allowed: a path inside the run folder, such as QUORUM/history.jsonl");
        }
        if (!Files.exists(historyFile)) {
            throw new HistoryFormatException(file.toString(), 0,
                    "level " + name + " names history " + historyFile + ", which does not exist");
        }
        History history = JsonlHistory.read(historyFile, warnings);
        JsonNode checkNodes = level.get("checks");
        if (checkNodes == null || !checkNodes.isArray()) {
            throw new HistoryFormatException(file.toString(), 0, "level " + name + ": field 'checks' must be a list of "
                    + "checker results, as faultline run writes (a run folder of a release before checks: run it again)");
        }
        List<CheckerResult> checks = new ArrayList<>();
        for (JsonNode check : checkNodes) {
            try {
                checks.add(Checkers.read(check, history));
            } catch (IllegalArgumentException e) {
                throw new HistoryFormatException(file.toString(), 0, "level " + name + ": " + e.getMessage());
            }
        }
        Availability availability;
        try {
            availability = Availability.of(history);
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException(historyFile.toString(), 0, e.getMessage());
        }
        LevelResult result = new LevelResult(consistency, historyFile, availability, checks,
                strings(level.get("unmet_expectations"), "unmet_expectations", file));
        return new Level(result, history);
    }

    private static JsonNode root(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(InputFile.readSmall(file, "a run's analysis.json", MAX_BYTES));
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new HistoryFormatException(file.toString(), where == null ? 0 : Math.max(0, where.getLineNr()),
                    where == null ? 0 : Math.max(0, where.getColumnNr()), "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new HistoryFormatException(file.toString(), 1, "expected a JSON object with \"levels\", as faultline run writes");
        }
        return root;
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

    private static JsonNode required(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new HistoryFormatException(file.toString(), 0, "field '" + field + "' is missing");
        }
        return value;
    }
}
