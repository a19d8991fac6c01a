package dev.faultline.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Maps history time onto x pixels from {@code left} to {@code left + width}: linearly, except stretches
 * where nothing happens, which are cut down to a narrow gap the drawing marks as cut. A lesson spends
 * twenty seconds waiting for failure detectors and a few milliseconds on its ops; drawn linearly, the
 * ops would share the last pixels.
 *
 * @param cuts idle stretches, in time order, inside {@code from … to}
 */
record Axis(long from, long to, boolean timeIsIndex, double left, double width, List<Cut> cuts) {

    /** Pixels a cut stretch keeps, whatever its length. */
    static final double CUT_WIDTH = 44;
    /** A stretch shorter than this is drawn to scale: cutting it would hide time worth seeing. */
    private static final long MIN_CUT_NANOS = 1_000_000_000L;

    /** An idle stretch drawn {@link #CUT_WIDTH} wide. */
    record Cut(long from, long to) {
        long length() {
            return to - from;
        }
    }

    Axis {
        cuts = List.copyOf(cuts);
    }

    static Axis linear(long from, long to, boolean timeIsIndex, double left, double width) {
        return new Axis(from, to, timeIsIndex, left, width, List.of());
    }

    /**
     * An axis from {@code from} to {@code to} that cuts every idle stretch between the {@code busy}
     * intervals (each {from, to}) that lasts a second or more and longer than half the time left uncut
     * beside it, longest first. An axis of event indexes is never cut.
     */
    static Axis around(long from, long to, List<long[]> busy, boolean timeIsIndex, double left, double width) {
        if (timeIsIndex || busy.isEmpty()) {
            return linear(from, to, timeIsIndex, left, width);
        }
        List<long[]> sorted = new ArrayList<>(busy);
        sorted.sort(Comparator.comparingLong(b -> b[0]));
        List<Cut> gaps = new ArrayList<>();
        long reached = from;
        for (long[] b : sorted) {
            if (b[0] > reached) {
                gaps.add(new Cut(reached, b[0]));
            }
            reached = Math.max(reached, b[1]);
        }
        if (to > reached) {
            gaps.add(new Cut(reached, to));
        }
        gaps.sort(Comparator.comparingLong(Cut::length).reversed());
        long kept = to - from;
        List<Cut> cuts = new ArrayList<>();
        for (Cut gap : gaps) {
            if (gap.length() >= MIN_CUT_NANOS && gap.length() > (kept - gap.length()) / 2 && cuts.size() < width / CUT_WIDTH / 4) {
                cuts.add(gap);
                kept -= gap.length();
            }
        }
        cuts.sort(Comparator.comparingLong(Cut::from));
        return new Axis(from, to, false, left, width, cuts);
    }

    /** Time drawn to scale, all cuts taken out. */
    long keptSpan() {
        return Math.max(1, to - from - cuts.stream().mapToLong(Cut::length).sum());
    }

    double x(long time) {
        long t = Math.max(from, Math.min(to, time));
        double perNano = (width - cuts.size() * CUT_WIDTH) / keptSpan();
        double x = left;
        long at = from;
        for (Cut cut : cuts) {
            if (t <= cut.from()) {
                break;
            }
            x += (cut.from() - at) * perNano;
            if (t < cut.to()) {
                return x + CUT_WIDTH * (t - cut.from()) / (double) Math.max(1, cut.length());
            }
            x += CUT_WIDTH;
            at = cut.to();
        }
        return x + (t - at) * perNano;
    }
}
