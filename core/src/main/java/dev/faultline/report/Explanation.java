package dev.faultline.report;

import dev.faultline.checker.Anomaly;

/** The anomaly kinds a report explains, in plain words for a student; a violation's kind and name are its {@link Anomaly}'s. */
enum Explanation {
    STALE_READ(Anomaly.Kind.STALE_READ,
            "A read returned a value that had already been overwritten. With a replication factor of 2 each key "
                    + "lives on two replicas. A write at ONE is acknowledged as soon as one replica has it; a read at "
                    + "ONE asks just one replica. When the two ones are different replicas (for example because a "
                    + "partition keeps the new value from reaching the other replica), the read sees the old value. "
                    + "Reads are guaranteed to see the latest acknowledged write only when the replicas written plus the "
                    + "replicas read are more than the replication factor (W + R > RF): QUORUM + QUORUM is 2 + 2 > 2, "
                    + "ONE + ONE is 1 + 1, which is not."),
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
    UNAVAILABLE("unavailable", "Unavailable at RF=2 with one replica down",
            "QUORUM means a majority of the replicas: floor(RF / 2) + 1. With RF=2 that is floor(2 / 2) + 1 = 2, so "
                    + "QUORUM needs both replicas. When one replica is down or cut off, the coordinator refuses QUORUM "
                    + "requests for its keys (an Unavailable error, or a timeout), while ONE still succeeds on the "
                    + "surviving replica. That is the trade: QUORUM stays consistent by giving up availability, ONE "
                    + "stays available by giving up consistency."),
    HINTED_HANDOFF("hinted-handoff", "Hinted handoff after healing",
            "Writes that succeeded during the fault could not reach the cut-off replica. The coordinator kept them "
                    + "as hints and replays them when the replica comes back, so after healing both replicas converge. "
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

    String html() {
        return "<aside class=\"explanation\" data-kind=\"" + kind + "\"><h4>" + Html.esc(title) + "</h4><p>"
                + Html.esc(text) + "</p></aside>";
    }
}
