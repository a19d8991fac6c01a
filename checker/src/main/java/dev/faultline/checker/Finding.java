package dev.faultline.checker;

import dev.faultline.history.Operation;

import java.util.List;

/**
 * One anomaly a checker found, told so that the report and {@code faultline check} need not know
 * the checker: what kind it is, why it is one, and the ops that show it, to draw on the timeline.
 *
 * @param kind     a stable name, such as {@code lost-write}
 * @param title    the kind as a person reads it
 * @param sentence why it is an anomaly, claiming nothing the ops do not show
 * @param ops      the ops involved, the offending one last
 */
public record Finding(String kind, String title, String sentence, List<Operation> ops) {

    public Finding {
        ops = List.copyOf(ops);
    }
}
