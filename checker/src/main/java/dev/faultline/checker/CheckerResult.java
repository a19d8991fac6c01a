package dev.faultline.checker;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What one checker concluded of one history: a three-way answer, a line a person reads, the
 * anomalies found, each in plain words with the ops that show it, and the result's own JSON form in
 * analysis.json (ops named by invoke index, so {@link Checkers#read} maps them back onto the history).
 */
public interface CheckerResult {

    /** The checker's name, as {@link Checker#name()}. */
    String checker();

    Validity validity();

    /** One line: the answer and how much was checked. */
    String summary();

    /** Every anomaly, in the order found; empty when valid. */
    List<Finding> findings();

    /** What `faultline check` prints above the verdict: each finding in a line, with a blank line after any. */
    default List<String> lines() {
        if (findings().isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(findings().stream().map(f -> f.title() + ": " + f.sentence()).toList());
        lines.add("");
        return lines;
    }

    /** This result as analysis.json holds it, with {@code checker} and {@code validity} among its fields. */
    ObjectNode json();
}
