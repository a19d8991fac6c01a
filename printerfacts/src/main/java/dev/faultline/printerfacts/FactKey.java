package dev.faultline.printerfacts;

import java.util.UUID;

/** Fact keys are timeuuids (version 1 UUIDs), as Cassandra's {@code timeuuid} column requires. */
final class FactKey {

    private FactKey() {}

    /**
     * The key in a request path. Anything that is not a timeuuid is a client error (400), so 404 always
     * means "a well-formed key that is not stored".
     */
    static UUID parse(String text) {
        UUID key;
        try {
            key = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("malformed_key", "key '" + text + "' is not a UUID; keys are timeuuids")
                    .toFailure();
        }
        // UUID.fromString accepts short groups such as 1-1-1-1-1; only the canonical form names a key.
        if (key.version() != 1 || !key.toString().equalsIgnoreCase(text)) {
            throw ApiError.badRequest("malformed_key", "key '" + text + "' is not a canonical timeuuid (version 1 UUID)")
                    .toFailure();
        }
        return key;
    }
}
