package dev.faultline.printerfacts;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes accept different consistency levels in Cassandra: ANY only makes sense for writes,
 * SERIAL and LOCAL_SERIAL only for reads (a Paxos read). Requests naming a level the operation
 * cannot use are rejected before reaching Cassandra, with the allowed levels in the message.
 */
public enum Operation {
    READ(EnumSet.of(
            DefaultConsistencyLevel.ONE, DefaultConsistencyLevel.TWO, DefaultConsistencyLevel.THREE,
            DefaultConsistencyLevel.QUORUM, DefaultConsistencyLevel.ALL, DefaultConsistencyLevel.LOCAL_ONE,
            DefaultConsistencyLevel.LOCAL_QUORUM, DefaultConsistencyLevel.SERIAL,
            DefaultConsistencyLevel.LOCAL_SERIAL)),
    WRITE(EnumSet.of(
            DefaultConsistencyLevel.ANY, DefaultConsistencyLevel.ONE, DefaultConsistencyLevel.TWO,
            DefaultConsistencyLevel.THREE, DefaultConsistencyLevel.QUORUM, DefaultConsistencyLevel.ALL,
            DefaultConsistencyLevel.LOCAL_ONE, DefaultConsistencyLevel.LOCAL_QUORUM,
            DefaultConsistencyLevel.EACH_QUORUM));

    private final Set<DefaultConsistencyLevel> allowed;

    Operation(Set<DefaultConsistencyLevel> allowed) {
        this.allowed = allowed;
    }

    /**
     * The level named by {@code text} (case-insensitive, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming {@code source} and the allowed levels
     */
    public DefaultConsistencyLevel parseLevel(String text, String source) {
        String name = text.strip().toUpperCase(Locale.ROOT);
        for (DefaultConsistencyLevel level : allowed) {
            if (level.name().equals(name)) {
                return level;
            }
        }
        throw new IllegalArgumentException(String.format(
                "%s '%s' is not a consistency level for %ss; allowed: %s",
                source, text, name().toLowerCase(Locale.ROOT), allowedNames()));
    }

    public String allowedNames() {
        return allowed.stream().map(Enum::name).collect(Collectors.joining(", "));
    }
}
