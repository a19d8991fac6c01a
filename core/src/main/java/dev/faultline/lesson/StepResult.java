package dev.faultline.lesson;

import java.util.List;

/**
 * What one step came to at one level.
 *
 * @param outcome  what happened, in words, with how long it took where that teaches something (a failure
 *                 detector deciding, a replica catching up): {@code ok 0}, {@code fail: Unavailable (1 of 2
 *                 replicas alive)}, {@code ok 1 after 3 reads in 1.3 s}, {@code done in 9.8 s}
 * @param expected what the lesson said it must come to, or null when it says nothing for this level
 * @param met      whether the outcome is the expected one (true when nothing was expected)
 * @param startNs  when the step began, on the level's history clock (ns, as its ops' times)
 * @param endNs    when it ended, on the same clock
 * @param ops      the history index of each op the step invoked, in order (a read with {@code until} may
 *                 invoke several); empty for a step that is not an op
 */
public record StepResult(int index, String step, String outcome, ExpectedOutcome expected, boolean met,
                         long startNs, long endNs, List<Long> ops) {

    public StepResult {
        ops = List.copyOf(ops);
    }
}
