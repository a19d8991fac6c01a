package dev.faultline.report;

import dev.faultline.checker.Availability;
import dev.faultline.scenario.Durations;
import dev.faultline.scenario.LevelResult;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The side-by-side table of a run's consistency levels, for the terminal and summary.md. */
public final class Summary {

    private Summary() {
    }

    public static String table(List<LevelResult> levels) {
        StringBuilder out = new StringBuilder();
        out.append("| level | ok | fail | info | available outside faults | available inside faults | anomalies | linearizable | expectations |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (LevelResult l : levels) {
            Availability a = l.availability();
            long anomalies = l.checks().stream().mapToLong(c -> c.findings().size()).sum();
            String linearizable = l.linearizability() == null ? "n/a" : switch (l.linearizability().verdict()) {
                case LINEARIZABLE -> "yes";
                case NOT_LINEARIZABLE -> "no";
                case UNKNOWN -> "unknown";
            };
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s | %s | %d | %s | %s |%n",
                    l.level(), a.total().ok(), a.total().fail(), a.total().info(),
                    Html.percent(a.outsideFaults().percentAvailable()), Html.percent(a.insideFaults().percentAvailable()), anomalies, linearizable,
                    l.expectationsHeld() ? "held" : "NOT MET: " + String.join("; ", l.unmet())));
        }
        return out.toString();
    }

    static String markdown(String name, String description, long seed, Duration duration, List<LevelResult> levels) {
        return "# " + name + "\n\n" + description.strip() + "\n\n"
                + "Seed " + seed + ", " + Durations.format(duration) + " per level.\n\n"
                + table(levels);
    }

    static String markdown(String name, LessonView lesson, List<LevelResult> levels) {
        return "# " + name + "\n\n**Question.** " + lesson.question() + "\n\n" + lesson.markdown()
                + "\n**Answer.** " + lesson.answer() + "\n\n" + table(levels);
    }
}
