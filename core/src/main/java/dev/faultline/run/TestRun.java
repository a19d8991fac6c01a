package dev.faultline.run;

import dev.faultline.report.RunReport;
import dev.faultline.scenario.Consistency;
import dev.faultline.scenario.LevelResult;

import java.nio.file.Path;
import java.util.List;

/**
 * What a test's run showed, level by level, and where its files are: {@code history.jsonl} and {@code history.edn}
 * of each level under {@code <folder>/<level>/}, and beside them {@code analysis.json}, {@code summary.md} and
 * {@code report.html}.
 *
 * @param levels one result per level, in the order run
 */
public record TestRun(String name, Path folder, long seed, List<LevelResult> levels) {

    public TestRun {
        levels = List.copyOf(levels);
    }

    /** The result at {@code level}; a level the test did not run is an {@link IllegalArgumentException} naming those it did. */
    public LevelResult at(Consistency level) {
        return levels.stream().filter(l -> l.level() == level).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " ran at " + levels.stream().map(LevelResult::level).toList()
                        + ", not at " + level));
    }

    /** The one level's result, for a test run at a single level. */
    public LevelResult only() {
        if (levels.size() != 1) {
            throw new IllegalStateException(name + " ran at " + levels.stream().map(LevelResult::level).toList()
                    + "; pick one with at(level)");
        }
        return levels.get(0);
    }

    /** The page a person opens: every level's timeline, checks and explained anomalies. */
    public Path report() {
        return folder.resolve(RunReport.FILE);
    }
}
