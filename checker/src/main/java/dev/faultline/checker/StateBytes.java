package dev.faultline.checker;

import dev.faultline.history.Operation;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * An estimate of the heap a memoised state holds for the memo's budget. A state that is the state
 * before or a value of the op (a register's write or cas) is shared with the history and costs
 * nothing more; one a model built (a string by append, a set or map copied) costs its size.
 * Over-estimating is safe: the search then ends in unknown a little earlier, never out of memory.
 */
final class StateBytes {

    private static final long OBJECT = 24;
    private static final long ARRAY_HEADER = 16;
    /** A hash map's entry node and its share of the table. */
    private static final long PER_ELEMENT = 48;

    private StateBytes() {}

    private static boolean latin1(String string) {
        for (int i = 0; i < string.length(); i++) {
            if (string.charAt(i) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(List<?> values, Object state) {
        for (Object value : values) {
            if (value == state) {
                return true;
            }
        }
        return false;
    }

    static long of(Object after, Object before, Operation op) {
        if (after == before || after == op.value() || op.value() instanceof List<?> values && holds(values, after)) {
            return 0;
        }
        if (after instanceof String string) {
            // a Latin-1 string; twice the bytes for UTF-16
            long chars = latin1(string) ? string.length() : 2L * string.length();
            return OBJECT + ARRAY_HEADER + ((chars + 7) & ~7);
        }
        if (after instanceof Collection<?> collection) {
            return 2 * OBJECT + ARRAY_HEADER + PER_ELEMENT * collection.size();
        }
        if (after instanceof Map<?, ?> map) {
            return 2 * OBJECT + ARRAY_HEADER + PER_ELEMENT * map.size();
        }
        return 2 * OBJECT;
    }
}
