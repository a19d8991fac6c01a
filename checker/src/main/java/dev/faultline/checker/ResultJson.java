package dev.faultline.checker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts every checker result's JSON form shares: its name, answer, summary and findings, with
 * ops written as what they did plus their invoke index, and read back by that index from the
 * history beside them (so a result read back holds the history's own ops, never copies).
 */
final class ResultJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private ResultJson() {
    }

    /** A result's common fields; the result adds its own. */
    static ObjectNode base(CheckerResult result) {
        ObjectNode node = JSON.createObjectNode();
        node.put("checker", result.checker());
        node.put("validity", result.validity().name());
        node.put("summary", result.summary());
        ArrayNode findings = node.putArray("findings");
        for (Finding finding : result.findings()) {
            ObjectNode f = findings.addObject().put("kind", finding.kind()).put("title", finding.title())
                    .put("sentence", finding.sentence());
            ArrayNode ops = f.putArray("ops");
            finding.ops().forEach(op -> ops.add(op(op)));
        }
        return node;
    }

    static ObjectNode op(Operation op) {
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

    static ArrayNode values(List<?> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::addPOJO);
        return array;
    }

    /** The ops of one history by invoke index, and the fields of a result read against it. */
    static final class Reader {
        private final Map<Long, Operation> byInvoke = new HashMap<>();
        private final JsonNode node;

        Reader(JsonNode node, History history) {
            this.node = node;
            history.operations().forEach(op -> byInvoke.put(op.invoke().index(), op));
        }

        JsonNode node() {
            return node;
        }

        /** The field, or an error naming it. */
        JsonNode required(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw new IllegalArgumentException(name() + " result: field '" + field + "' is missing");
            }
            return value;
        }

        Operation op(JsonNode op) {
            long index = op == null ? -1 : op.path("invoke_index").asLong(-1);
            Operation found = byInvoke.get(index);
            if (found == null) {
                throw new IllegalArgumentException(name() + " result names op invoke_index " + index
                        + ", which its history does not hold");
            }
            return found;
        }

        /** The op in {@code field}, or null when the field is absent. */
        Operation optionalOp(JsonNode parent, String field) {
            JsonNode op = parent.get(field);
            return op == null || op.isNull() ? null : op(op);
        }

        List<Operation> ops(JsonNode array) {
            List<Operation> ops = new ArrayList<>();
            array.forEach(op -> ops.add(op(op)));
            return ops;
        }

        List<Finding> findings() {
            List<Finding> findings = new ArrayList<>();
            for (JsonNode f : node.path("findings")) {
                findings.add(new Finding(f.path("kind").asText(), f.path("title").asText(), f.path("sentence").asText(),
                        ops(f.path("ops"))));
            }
            return findings;
        }

        /** A list of values as analysis.json holds them: integers as longs, the rest as text. */
        List<Object> values(String field) {
            List<Object> values = new ArrayList<>();
            node.path(field).forEach(v -> values.add(v.isIntegralNumber() ? (Object) v.asLong()
                    : v.isTextual() ? v.asText() : v.toString()));
            return values;
        }

        private String name() {
            return node.path("checker").asText("a checker's");
        }
    }
}
