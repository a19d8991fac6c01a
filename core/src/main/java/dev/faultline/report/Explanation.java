package dev.faultline.report;

import dev.faultline.checker.Anomaly;

/** The anomaly kinds a report explains, in plain words for a student; a violation's kind and name are its {@link Anomaly}'s. */
enum Explanation {
    /** Its text says the run's replication factor (see {@link #text}); none for a history that does not carry it. */
    STALE_READ(Anomaly.Kind.STALE_READ, ""),
    LOST_WRITE("lost-write", "Lost write",
            "A write was acknowledged, yet the final read after the faults were healed does not contain it. An "
                    + "acknowledgement at ONE only means one replica stored the value; if that replica then died, was "
                    + "wiped, or its copy was overwritten during repair, the value is gone although the client was told "
                    + "it succeeded."),
    LOST_UPDATE_LWW(Anomaly.Kind.LOST_UPDATE_LWW,
            "Cassandra settles conflicting writes by timestamp: the write with the highest timestamp wins, whatever "
                    + "the real order was. Here client clocks were skewed, so a later write could carry an older "
                    + "timestamp than the value it meant to replace. That write is acknowledged and then silently "
                    + "loses: reads keep returning the earlier value, and no error is ever reported."),
    /** As {@link #STALE_READ}, from the run's replication factor. */
    UNAVAILABLE("unavailable", "Unavailable with replicas down", ""),
    HINTED_HANDOFF("hinted-handoff", "Hinted handoff after healing",
            "Writes that succeeded during the fault could not reach the cut-off replica. The coordinator kept them "
                    + "as hints and replays them when the replica comes back, so after healing the replicas converge. "
                    + "Until the hints are delivered (or a read repair or a full repair runs), a read at ONE served by "
                    + "the returning replica can still see the old value."),
    NOT_LINEARIZABLE(Anomaly.Kind.NOT_LINEARIZABLE,
            "No order of these ops that respects real time (an op that finished before another started must come "
                    + "first) gives every op the result it actually got. The system did not behave like a single copy "
                    + "of the data.");

    final String kind;
    final String title;
    final String text;

    Explanation(String kind, String title, String text) {
        this.kind = kind;
        this.title = title;
        this.text = text;
    }

    Explanation(Anomaly.Kind anomaly, String text) {
        this(anomaly.id(), anomaly.title(), text);
    }

    static Explanation of(Anomaly.Kind anomaly) {
        return switch (anomaly) {
            case STALE_READ -> STALE_READ;
            case LOST_UPDATE_LWW -> LOST_UPDATE_LWW;
            case NOT_LINEARIZABLE -> NOT_LINEARIZABLE;
        };
    }

    /** Told without numbers the history does not give: for a history checked on its own, with no replication factor. */
    String html() {
        return html(null);
    }

    /** @param replicationFactor the run's, or null when the history does not say */
    String html(Integer replicationFactor) {
        return "<aside class=\"explanation\" data-kind=\"" + kind + "\"><h4>" + Html.esc(title) + "</h4><p>"
                + Html.esc(text(replicationFactor)) + "</p></aside>";
    }

    String text(Integer rf) {
        return switch (this) {
            case STALE_READ -> "A read returned a value that had already been overwritten. "
                    + (rf == null ? "Each key lives on as many replicas as the replication factor (RF). "
                            : "With a replication factor of " + rf + " each key lives on " + replicas(rf) + ". ")
                    + "A write at ONE is acknowledged as soon as one replica has it; a read at ONE asks just one replica. "
                    + "When the two ones are different replicas (for example because a partition keeps the new value from "
                    + "reaching the other replica), the read sees the old value. Reads are guaranteed to see the latest "
                    + "acknowledged write only when the replicas written plus the replicas read are more than the "
                    + "replication factor (W + R > RF)" + (rf == null
                            ? ": QUORUM + QUORUM always is, ONE + ONE is not once RF is more than 1."
                            : ": QUORUM + QUORUM is " + quorum(rf) + " + " + quorum(rf) + " > " + rf + ", ONE + ONE is 1 + 1"
                                    + (2 > rf ? " > " + rf + " too." : ", which is not."));
            case UNAVAILABLE -> "QUORUM means a majority of the replicas: floor(RF / 2) + 1. " + (rf == null
                    ? "When so many replicas are down or cut off that no majority is left, "
                    : "With RF=" + rf + " that is floor(" + rf + " / 2) + 1 = " + quorum(rf) + ", so QUORUM needs "
                            + (quorum(rf) == rf ? "every replica" : quorum(rf) + " of the " + rf) + ". When "
                            + (rf - quorum(rf) + 1 == 1 ? "one replica is" : rf - quorum(rf) + 1 + " replicas are")
                            + " down or cut off, ")
                    + "the coordinator refuses QUORUM requests for its keys (an Unavailable error, or a timeout), while ONE "
                    + "still succeeds on a surviving replica. That is the trade: QUORUM stays consistent by giving up "
                    + "availability, ONE stays available by giving up consistency.";
            default -> text;
        };
    }

    private static int quorum(int rf) {
        return rf / 2 + 1;
    }

    private static String replicas(int rf) {
        return rf == 1 ? "one replica" : rf == 2 ? "two replicas" : rf == 3 ? "three replicas" : rf + " replicas";
    }
}
