package dev.faultline.printerfacts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** The body of {@code POST /fact} and {@code PUT /fact/{key}}: {@code {"fact": "...", "kind": "..."}}. */
public record FactInput(String fact, String kind) {

    private static final Set<String> FIELDS = Set.of("fact", "kind");

    // Strict on purpose: a duplicated field or trailing garbage is a client bug, not something to guess at.
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Parses and validates a request body.
     *
     * @throws ApiError.Failure 400 when the body is not JSON, 422 when it is JSON but not a fact
     */
    public static FactInput parse(byte[] body) {
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("malformed_json", "body is not valid JSON: " + e.getOriginalMessage())
                    .toFailure();
        } catch (IOException e) {
            throw ApiError.badRequest("malformed_json", "body could not be read: " + e.getMessage()).toFailure();
        }
        if (root == null || root.isMissingNode()) {
            throw ApiError.badRequest("malformed_json", "body is empty; expected {\"fact\": \"...\", \"kind\": \"...\"}")
                    .toFailure();
        }
        if (!root.isObject()) {
            throw ApiError.unprocessable("body must be a JSON object {\"fact\": \"...\", \"kind\": \"...\"}, not "
                    + root.getNodeType().name().toLowerCase()).toFailure();
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiError.unprocessable("unknown field(s) " + unknown + "; allowed: fact, kind").toFailure();
        }
        return new FactInput(text(root, "fact"), text(root, "kind"));
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw ApiError.unprocessable("field '" + field + "' is missing").toFailure();
        }
        if (!node.isTextual()) {
            throw ApiError.unprocessable("field '" + field + "' must be a string, not "
                    + node.getNodeType().name().toLowerCase()).toFailure();
        }
        if (node.textValue().isBlank()) {
            throw ApiError.unprocessable("field '" + field + "' must not be empty").toFailure();
        }
        return node.textValue();
    }
}
