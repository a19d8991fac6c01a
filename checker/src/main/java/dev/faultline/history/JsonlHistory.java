package dev.faultline.history;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Our history format: one JSON object per line, written as ops happen, so that a run killed
 * mid-write still leaves a readable file.
 * <pre>{"index":12,"process":3,"type":"ok","f":"write","key":"k7","value":42,"time":1834000123}</pre>
 * Nemesis ops have {@code "process":"nemesis"}; cas values are {@code [expected, new]}; a fail or info
 * completion may say why in {@code "error"}, e.g. {@code "Unavailable (1 of 2 replicas alive)"}.
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
        LineParser parser = new LineParser(name);
        InputFile.requireRegular(file, "a history file");
        try (BufferedReader in = InputFile.open(file)) {
            String pending = null;
            long pendingLine = 0;
            long lineNumber = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (pending != null) {
                    sink.accept(parser.parse(pendingLine, pending, false, warnings));
                }
                pending = line.isBlank() ? null : line;
                pendingLine = lineNumber;
            }
            if (pending != null) {
                Op last = parser.parse(pendingLine, pending, true, warnings);
                if (last != null) {
                    sink.accept(last);
                }
            }
        } catch (IOException e) {
            throw InputFile.readFailure(file, e);
        }
    }

    /** Reads one line with Jackson's token stream: no tree, and repeated names shared, for speed. */
    private static final class LineParser {
        private final String file;
        private final Map<String, String> shared = new HashMap<>();
        private long line;

        LineParser(String file) {
            this.file = file;
        }

        Op parse(long lineNumber, String text, boolean last, Consumer<String> warnings) {
            line = lineNumber;
            try (JsonParser json = JSON.getFactory().createParser(text)) {
                if (json.nextToken() != JsonToken.START_OBJECT) {
                    throw error("expected a JSON object like {\"process\":3,\"type\":\"ok\",\"f\":\"write\",\"value\":42}");
                }
                Op op = fields(json);
                if (json.nextToken() != null) {
                    throw error("more than one JSON value on the line");
                }
                return op;
            } catch (StreamConstraintsException e) {
                // a complete line past a reading limit is refused, never mistaken for a torn one and dropped
                throw new HistoryFormatException(file, line, "a value past a reading limit: "
                        + e.getOriginalMessage().replaceAll(", from `[^`]*`", "") + "; allowed: shorter values");
            } catch (JsonProcessingException e) {
                if (last) {
                    warnings.accept(file + ":" + line + ": skipped a torn last line (the run was cut off mid-write)");
                    return null;
                }
                long column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
                throw new HistoryFormatException(file, line, Math.max(column, 0),
                        "not a JSON object: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Op fields(JsonParser json) throws IOException {
            Object index = null;
            Object process = null;
            Object type = null;
            Object f = null;
            Object key = null;
            Object value = null;
            Object time = null;
            Object error = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "index" -> index = value(json);
                    case "process" -> process = value(json);
                    case "type" -> type = value(json);
                    case "f" -> f = value(json);
                    case "key" -> key = value(json);
                    case "value" -> value = value(json);
                    case "time" -> time = value(json);
                    case "error" -> error = value(json);
                    default -> json.skipChildren();
                }
            }
            OpType opType = type instanceof String label ? OpType.fromLabel(label) : null;
            if (opType == null) {
                throw error("field \"type\" is " + describe(type) + "; allowed: \"invoke\", \"ok\", \"fail\", \"info\"");
            }
            if (!(f instanceof String function) || function.isEmpty()) {
                throw error("field \"f\" is " + describe(f) + "; expected the op's function as a string, e.g. \"read\"");
            }
            if (index != null && !(index instanceof Long)) {
                throw error("field \"index\" is " + describe(index) + "; expected an integer");
            }
            if (time != null && !(time instanceof Long)) {
                throw error("field \"time\" is " + describe(time) + "; expected an integer (nanoseconds)");
            }
            return new Op(index == null ? line - 1 : (Long) index, process(process), opType, function, key, value,
                    time == null ? Op.NO_TIME : (Long) time, error == null || error instanceof String ? (String) error : Values.show(error));
        }

        private Process process(Object process) {
            if (process instanceof Long id && id >= 0 && id <= Integer.MAX_VALUE) {
                return Process.client(id.intValue());
            }
            if ("nemesis".equals(process)) {
                return Process.NEMESIS;
            }
            throw error("field \"process\" is " + describe(process) + "; allowed: an integer, or \"nemesis\"");
        }

        /** The value at the current token, in {@link Values}' canonical shape. */
        private Object value(JsonParser json) throws IOException {
            return switch (json.currentToken()) {
                case VALUE_NULL -> null;
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NUMBER_INT -> Values.normalize(json.getNumberValue());
                case VALUE_NUMBER_FLOAT -> json.getDoubleValue();
                case VALUE_STRING -> share(json.getText());
                case START_ARRAY -> {
                    List<Object> list = new ArrayList<>();
                    while (json.nextToken() != JsonToken.END_ARRAY) {
                        list.add(value(json));
                    }
                    yield Collections.unmodifiableList(list);
                }
                case START_OBJECT -> {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String name = share(json.currentName());
                        json.nextToken();
                        map.put(name, value(json));
                    }
                    yield Collections.unmodifiableMap(map);
                }
                default -> throw error("unexpected " + json.currentToken());
            };
        }

        /** Keys and functions repeat on every line: keep one copy of each short string. */
        private String share(String text) {
            if (text.length() > 32) {
                return text;
            }
            String known = shared.putIfAbsent(text, text);
            return known == null ? text : known;
        }

        private HistoryFormatException error(String problem) {
            return new HistoryFormatException(file, line, problem);
        }

        private static String describe(Object value) {
            if (value == null) {
                return "missing";
            }
            return Echo.of(value instanceof String text ? "\"" + text + "\"" : Values.show(value));
        }
    }
}
