package dev.faultline.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Our history format: one JSON object per line, written as ops happen, so that a run killed
 * mid-write still leaves a readable file.
 * <pre>{"index":12,"process":3,"type":"ok","f":"write","key":"k7","value":42,"time":1834000123}</pre>
 * Nemesis ops have {@code "process":"nemesis"}; cas values are {@code [expected, new]}.
 * Written by {@link HistoryRecorder}.
 */
public final class JsonlHistory {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonlHistory() {}

    /** Reads a whole file; warnings (a torn last line) go to {@code warnings}. */
    public static History read(Path file, Consumer<String> warnings) {
        List<Op> ops = new ArrayList<>();
        stream(file, ops::add, warnings);
        return new History(ops);
    }

    /**
     * Streams the ops of {@code file} to {@code sink} in order. A last line that is not valid JSON
     * is a write torn by a crash: skipped with a warning. Any other bad line is an error.
     *
     * @throws HistoryFormatException naming the file and line of the first bad line
     */
    public static void stream(Path file, Consumer<Op> sink, Consumer<String> warnings) {
        String name = file.toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String pending = null;
            long pendingLine = 0;
            long lineNumber = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (pending != null) {
                    sink.accept(parse(name, pendingLine, pending, false, warnings));
                }
                pending = line.isBlank() ? null : line;
                pendingLine = lineNumber;
            }
            if (pending != null) {
                Op last = parse(name, pendingLine, pending, true, warnings);
                if (last != null) {
                    sink.accept(last);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    private static Op parse(String file, long line, String text, boolean last, Consumer<String> warnings) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            if (last) {
                warnings.accept(file + ":" + line + ": skipped a torn last line (the run was cut off mid-write)");
                return null;
            }
            throw new HistoryFormatException(file, line, "not a JSON object: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new HistoryFormatException(file, line, "expected a JSON object like "
                    + "{\"process\":3,\"type\":\"ok\",\"f\":\"write\",\"value\":42}");
        }
        return toOp(file, line, node);
    }

    private static Op toOp(String file, long line, JsonNode node) {
        JsonNode type = node.get("type");
        OpType opType = type != null && type.isTextual() ? OpType.fromLabel(type.asText()) : null;
        if (opType == null) {
            throw new HistoryFormatException(file, line, "field \"type\" is " + describe(type)
                    + "; allowed: \"invoke\", \"ok\", \"fail\", \"info\"");
        }
        JsonNode f = node.get("f");
        if (f == null || !f.isTextual() || f.asText().isEmpty()) {
            throw new HistoryFormatException(file, line, "field \"f\" is " + describe(f)
                    + "; expected the op's function as a string, e.g. \"read\"");
        }
        JsonNode index = node.get("index");
        if (index != null && !index.canConvertToLong()) {
            throw new HistoryFormatException(file, line, "field \"index\" is " + describe(index)
                    + "; expected an integer");
        }
        JsonNode time = node.get("time");
        if (time != null && !time.canConvertToLong()) {
            throw new HistoryFormatException(file, line, "field \"time\" is " + describe(time)
                    + "; expected an integer (nanoseconds)");
        }
        return new Op(
                index == null ? line - 1 : index.asLong(),
                process(file, line, node.get("process")),
                opType,
                f.asText(),
                value(node.get("key")),
                value(node.get("value")),
                time == null ? Op.NO_TIME : time.asLong());
    }

    private static Process process(String file, long line, JsonNode node) {
        if (node != null && node.canConvertToInt() && node.isIntegralNumber()) {
            return Process.client(node.asInt());
        }
        if (node != null && node.isTextual() && node.asText().equals("nemesis")) {
            return Process.NEMESIS;
        }
        throw new HistoryFormatException(file, line, "field \"process\" is " + describe(node)
                + "; allowed: an integer, or \"nemesis\"");
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return Values.normalize(JSON.convertValue(node, Object.class));
    }

    private static String describe(JsonNode node) {
        return node == null ? "missing" : node.toString();
    }
}
