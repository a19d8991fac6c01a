package dev.faultline.lesson;

/**
 * What one step came to at one level.
 *
 * @param outcome  what happened, in words: {@code ok 1}, {@code fail Unavailable (1 of 2 replicas alive)}, {@code done}
 * @param expected what the lesson said it must come to, or null when it says nothing for this level
 * @param met      whether the outcome is the expected one (true when nothing was expected)
 * @param attempts how many times the op ran: a read with {@code until} repeats, other steps run once
 */
public record StepResult(int index, String step, String outcome, ExpectedOutcome expected, boolean met, int attempts) {
}
