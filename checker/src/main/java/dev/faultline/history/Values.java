package dev.faultline.history;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import us.bpsm.edn.Keyword;

/**
 * Op values in one canonical shape, whatever the source: integers are Long (JSON gives Integer,
 * EDN gives Long), keywords are their names, collections are unmodifiable. Models compare values
 * with equals, so a 3 read from JSONL must equal a 3 read from EDN.
 */
public final class Values {

    private Values() {}

    public static Object normalize(Object value) {
        if (value == null || value instanceof Long || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        if (value instanceof Keyword keyword) {
            return keyword.getName();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(normalize(element));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Set<?> set) {
            Set<Object> copy = new TreeSet<>(Values::compare);
            for (Object element : set) {
                copy.add(normalize(element));
            }
            return Collections.unmodifiableSet(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(normalize(k), normalize(v)));
            return Collections.unmodifiableMap(copy);
        }
        return value;
    }

    /** A total order over normalized values, numbers before strings before the rest, for stable output. */
    public static int compare(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        int rank = Integer.compare(rank(a), rank(b));
        return rank != 0 ? rank : String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static int rank(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Long) {
            return 1;
        }
        return value instanceof String ? 2 : 3;
    }

    /** A short human form: nil for null, strings quoted, lists in brackets. */
    public static String show(Object value) {
        if (value == null) {
            return "nil";
        }
        if (value instanceof String s) {
            return '"' + s + '"';
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : " ").append(show(list.get(i)));
            }
            return out.append(']').toString();
        }
        return value.toString();
    }
}
