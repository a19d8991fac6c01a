package dev.faultline.scenario;

import dev.faultline.history.Echo;
import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.InputFile;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads scenario YAML strictly: an unknown field, a wrong type, an unknown consistency level or
 * fault is a {@link ScenarioException} naming the file, the line and what is allowed.
 */
public final class ScenarioParser {

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new SimpleModule().addDeserializer(Duration.class, new DurationDeserializer()))
            .build();

    private ScenarioParser() {
    }

    public static Scenario parse(Path file) {
        return parse(file, text(file));
    }

    /** Scenario and lesson files are a few kilobytes; anything much larger is not one. */
    static final long MAX_BYTES = 256 * 1024;
    /** Longest duration anywhere in a scenario: a run is at most a day. */
    static final Duration MAX_DURATION = Duration.ofHours(24);

    /**
     * The file's text; a missing, unreadable, non-regular, oversized or non-UTF-8 file is a
     * {@link ScenarioException}.
     */
    public static String text(Path file) {
        try {
            return InputFile.readSmall(file, "a scenario or lesson file", MAX_BYTES);
        } catch (HistoryFormatException e) {
            throw new ScenarioException(file, (int) e.line(), (int) e.column(), e.problem());
        }
    }

    public static Scenario parse(Path file, String yaml) {
        Scenario scenario = read(file, yaml, Scenario.class);
        if (scenario == null) {
            throw new ScenarioException(file, 0, 0, "the file is empty; a scenario needs at least name, workload and duration");
        }
        return scenario;
    }

    /**
     * Reads any of the scenario files' records (a scenario, a lesson) with the same strictness and
     * {@code file:line:column} errors; null for an empty document.
     */
    public static <T> T read(Path file, String yaml, Class<T> type) {
        StrictYaml.check(file, yaml);
        try {
            return YAML.readValue(yaml, type);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException syntax && syntax.getProblemMark() != null) {
                throw new ScenarioException(file, syntax.getProblemMark().getLine() + 1,
                        syntax.getProblemMark().getColumn() + 1, "not valid YAML: " + syntax.getProblem());
            }
            JsonLocation where = e.getLocation();
            int line = where == null ? 0 : where.getLineNr();
            int column = where == null ? 0 : where.getColumnNr();
            if (e instanceof JsonMappingException m && !m.getPath().isEmpty() || e instanceof ValueInstantiationException) {
                var pathLine = YamlLines.lineOf(yaml, errorPath((JsonMappingException) e));
                if (pathLine.isPresent() && pathLine.getAsInt() != line) {
                    line = pathLine.getAsInt();
                    column = 0;
                }
            }
            throw new ScenarioException(file, line, column, explain(e));
        }
    }

    /** The 1-based line of the key at {@code fields} (such as cluster, nodes), or 0 when the file does not write it. */
    public static int lineOf(String yaml, String... fields) {
        List<JsonMappingException.Reference> path = new ArrayList<>();
        for (String field : fields) {
            path.add(new JsonMappingException.Reference(null, field));
        }
        return YamlLines.lineOf(yaml, path).orElse(0);
    }

    /**
     * Where an error points: Jackson's path, and for a record's own check (which Jackson only knows
     * as "this object failed"), the field its message starts with, such as {@code duration} or
     * {@code random-faults.every}.
     */
    private static List<JsonMappingException.Reference> errorPath(JsonMappingException e) {
        List<JsonMappingException.Reference> path = new ArrayList<>(e.getPath());
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            Matcher field = LEADING_FIELD.matcher(rootMessage(e.getCause()));
            if (field.lookingAt()) {
                List<String> names = List.of(field.group(1).split("\\."));
                // "random-faults.lasting" thrown while reading random-faults: the path already has its head
                int overlap = 0;
                for (int k = Math.min(names.size(), path.size()); k > 0 && overlap == 0; k--) {
                    List<String> tail = path.subList(path.size() - k, path.size()).stream()
                            .map(JsonMappingException.Reference::getFieldName).toList();
                    overlap = tail.equals(names.subList(0, k)) ? k : 0;
                }
                for (String name : names.subList(overlap, names.size())) {
                    path.add(new JsonMappingException.Reference(null, name));
                }
            }
        }
        return path;
    }

    private static final Pattern LEADING_FIELD = Pattern.compile("([a-z][a-z-]*(?:\\.[a-z][a-z-]*)*)(?= must| is |: | \\()");

    /** One line that says what is wrong and what is allowed, in the scenario's own words. */
    private static String explain(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? path(m) : "";
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + Echo.of(u.getPropertyName()) + "'" + in(parentPath(u))
                    + "; allowed: " + joined(u.getKnownPropertyIds());
        }
        if (e instanceof InvalidTypeIdException t) {
            String property = t.getTypeId() == null ? "a type" : "'" + Echo.of(t.getTypeId()) + "'";
            return "unknown " + typeProperty(t.getBaseType().getRawClass()) + " " + property + in(field)
                    + "; allowed: " + typeNames(t.getBaseType().getRawClass());
        }
        if (e instanceof InvalidFormatException f && f.getTargetType().isEnum()) {
            return "'" + Echo.of(String.valueOf(f.getValue())) + "' is not allowed for " + field + "; allowed: "
                    + Arrays.stream(f.getTargetType().getEnumConstants())
                            .map(ScenarioParser::enumName).collect(Collectors.joining(", "));
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() == Duration.class) {
            return field + ": " + f.getOriginalMessage();
        }
        if (e instanceof InvalidFormatException f) {
            return field + ": expected " + describe(f.getTargetType()) + ", got '" + Echo.of(String.valueOf(f.getValue())) + "'";
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return rootMessage(v.getCause());
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof IllegalArgumentException iae) {
            return field + ": " + iae.getMessage();
        }
        if (e instanceof MismatchedInputException m) {
            if (m.getMessage().contains("missing type id")) {
                String property = typeProperty(m.getTargetType());
                return field + " needs '" + property + "'; allowed: " + typeNames(m.getTargetType());
            }
            return field + ": expected " + describe(m.getTargetType());
        }
        return "cannot be read as " + describe(e instanceof MismatchedInputException m ? m.getTargetType() : null);
    }

    /** The message of our own check; a Java fault (say an empty list item) as plain words, without its class. */
    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        boolean ours = t instanceof IllegalArgumentException
                || t instanceof NullPointerException && t.getMessage() != null && !t.getMessage().contains("\"");
        return ours && t.getMessage() != null ? t.getMessage()
                : "an empty or missing value where a value or a mapping of fields is needed";
    }

    private static String path(JsonMappingException m) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "the scenario" : out.toString();
    }

    private static String parentPath(JsonMappingException m) {
        String p = path(m);
        int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
        return cut < 0 ? "" : p.substring(0, cut);
    }

    private static String in(String where) {
        return where.isEmpty() || where.equals("the scenario") ? "" : " in " + where;
    }

    private static String joined(Collection<Object> names) {
        return names.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String typeProperty(Class<?> base) {
        var info = base.getAnnotation(com.fasterxml.jackson.annotation.JsonTypeInfo.class);
        return info == null ? "type" : info.property();
    }

    private static String typeNames(Class<?> base) {
        JsonSubTypes subtypes = base.getAnnotation(JsonSubTypes.class);
        return subtypes == null ? "" : Arrays.stream(subtypes.value())
                .map(JsonSubTypes.Type::name).collect(Collectors.joining(", "));
    }

    private static String enumName(Object constant) {
        try {
            var json = constant.getClass().getField(((Enum<?>) constant).name())
                    .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            return json == null ? ((Enum<?>) constant).name() : json.value();
        } catch (NoSuchFieldException e) {
            return ((Enum<?>) constant).name();
        }
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Duration.class) {
            return "a duration such as 30s";
        }
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord() || type.isInterface()) {
            return "a mapping of fields";
        }
        return "a " + type.getSimpleName();
    }

    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isScalarValue() || p.currentToken().isNumeric()) {
                throw MismatchedInputException.from(p, Duration.class,
                        "expected a duration with a unit, such as 500ms, 30s or 2m");
            }
            Duration duration;
            try {
                duration = Durations.parse(p.getText());
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), p.getText(), Duration.class);
            }
            if (duration.abs().compareTo(MAX_DURATION) > 0) {
                throw InvalidFormatException.from(p, "'" + Echo.of(p.getText()) + "' is longer than a run can be; allowed: up to "
                        + Durations.format(MAX_DURATION), p.getText(), Duration.class);
            }
            return duration;
        }
    }
}
