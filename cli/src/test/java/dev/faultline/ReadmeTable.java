package dev.faultline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * README's table of its first command (ranges over three runs) and a fresh run's table, compared in kind: which
 * levels are linearizable, whether anomalies are zero, and the availability band outside and inside faults.
 * Counts differ from run to run; the kind of answer must not.
 */
record ReadmeTable(Map<String, Row> levels) {

    /** An availability band: every op, most ops (at least half), or few (under half). */
    enum Band {
        ALL, MOST, FEW;

        static Band of(double percent) {
            return percent >= 100.0 ? ALL : percent >= 50.0 ? MOST : FEW;
        }
    }

    /** One level's row, in kind. */
    record Row(String linearizable, boolean anomalies, List<Band> outside, List<Band> inside) {
    }

    /** The rows of the first table with Summary's header among {@code lines}; a cell may be a range {@code a–b}. */
    static ReadmeTable parse(List<String> lines) {
        Map<String, Row> levels = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines) {
            if (line.startsWith("| level | ok |")) {
                inTable = true;
            } else if (inTable && line.startsWith("|---")) {
                continue;
            } else if (inTable && line.startsWith("| ")) {
                String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
                levels.put(cells[0], new Row(cells[7], range(cells[6]).stream().anyMatch(n -> n > 0),
                        bands(cells[4]), bands(cells[5])));
            } else if (inTable) {
                break;
            }
        }
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("no table with the header | level | ok | … among the lines");
        }
        return new ReadmeTable(levels);
    }

    /** What differs in kind between this table (README's) and a fresh run's; empty when they agree. */
    List<String> disagreements(ReadmeTable fresh) {
        List<String> differences = new ArrayList<>();
        levels.forEach((level, expected) -> {
            Row actual = fresh.levels().get(level);
            if (actual == null) {
                differences.add(level + ": no such row in the fresh run");
                return;
            }
            if (!expected.linearizable().equals(actual.linearizable())) {
                differences.add(level + ": linearizable " + actual.linearizable() + ", README says " + expected.linearizable());
            }
            if (expected.anomalies() != actual.anomalies()) {
                differences.add(level + ": anomalies " + (actual.anomalies() ? "found" : "none") + ", README says "
                        + (expected.anomalies() ? "some" : "none"));
            }
            if (!expected.outside().containsAll(actual.outside())) {
                differences.add(level + ": available outside faults " + actual.outside() + ", README's range " + expected.outside());
            }
            if (!expected.inside().containsAll(actual.inside())) {
                differences.add(level + ": available inside faults " + actual.inside() + ", README's range " + expected.inside());
            }
        });
        return differences;
    }

    /** The bands a cell such as {@code 92.9–94.8%} or {@code 100.0%} spans. */
    private static List<Band> bands(String cell) {
        List<Double> ends = range(cell.replace("%", ""));
        // bands run from the highest share to the lowest, so the high end's band comes first
        return List.copyOf(EnumSet.range(Band.of(ends.get(ends.size() - 1)), Band.of(ends.get(0))));
    }

    private static List<Double> range(String cell) {
        return Arrays.stream(cell.strip().split("–")).map(n -> Double.parseDouble(n.strip())).toList();
    }
}
