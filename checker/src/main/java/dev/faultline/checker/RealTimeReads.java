package dev.faultline.checker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.history.History;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Monotonic reads per key, across every client and in real time, for register histories whose writes carry unique
 * values: a read must not return a value whose write was overwritten before the read began. Write A <em>precedes</em>
 * write B when A completed (ok) before B was invoked. A read that begins after B was acknowledged, or after another
 * read of B's value returned, and still returns A's value went back in time, which no linearization allows.
 *
 * <p>It decides in one sort per key what the linearizability search may give up on (a long history at ONE), and it
 * sees what the session checker cannot: a read that goes back behind another client's acknowledged write. A key
 * where one value was written twice is left unchecked (a read could not name its write), as are reads of values no
 * write produced, nil among them (Knossos' cas-register reads nil as telling nothing; a run writes its registers'
 * first values into the history itself).
 */
public final class RealTimeReads {

    public static final String NAME = "real-time-reads";
    /** A read that began after an acknowledged write and returned a value that write had overwritten. */
    public static final String MISSED_WRITE = "missed-write";
    /** A read that began after another read returned, and returned a value older than that one's. */
    public static final String WENT_BACK = "read-went-back";

    private RealTimeReads() {
    }

    /** What was checked: every finding, and how many reads and keys (ambiguous keys apart). */
    public record Result(List<Finding> findings, int readsChecked, int keysUnchecked) implements CheckerResult {

        public Result {
            findings = List.copyOf(findings);
        }

        @Override
        public String checker() {
            return NAME;
        }

        @Override
        public Validity validity() {
            return findings.isEmpty() ? Validity.VALID : Validity.INVALID;
        }

        @Override
        public String summary() {
            String unchecked = keysUnchecked == 0 ? "" : ", " + count(keysUnchecked, "key") + " unchecked (a value written twice)";
            return (findings.isEmpty() ? "no read" : count(findings.size(), "read")) + " went back in time ("
                    + count(readsChecked, "read") + " checked" + unchecked + ")";
        }

        @Override
        public ObjectNode json() {
            return ResultJson.base(this).put("reads_checked", readsChecked).put("keys_unchecked", keysUnchecked);
        }

        private static String count(int n, String what) {
            return n + " " + what + (n == 1 ? "" : "s");
        }

        static Result read(ResultJson.Reader in) {
            return new Result(in.findings(), in.required("reads_checked").asInt(), in.required("keys_unchecked").asInt());
        }
    }

    public static Result check(History history) {
        Map<Object, List<Operation>> byKey = new LinkedHashMap<>();
        for (Operation op : history.operations()) {
            if (op.f().equals("read") || isWrite(op)) {
                byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
        }
        List<Finding> findings = new ArrayList<>();
        int reads = 0;
        int unchecked = 0;
        for (List<Operation> ops : byKey.values()) {
            Map<Object, Operation> writers = writers(ops);
            if (writers == null) {
                unchecked++;
            } else {
                reads += checkKey(ops, writers, findings);
            }
        }
        return new Result(findings, reads, unchecked);
    }

    /** One key's ok reads in the order they began, each against the newest write known done before it began. */
    private static int checkKey(List<Operation> ops, Map<Object, Operation> writers, List<Finding> findings) {
        List<Operation> reads = ops.stream().filter(op -> op.f().equals("read") && op.outcome() == OpType.OK)
                .filter(op -> writers.containsKey(Values.normalize(op.value())))
                .sorted(Comparator.comparingInt(Operation::callAt)).toList();
        List<Operation> acknowledged = ops.stream().filter(op -> isWrite(op) && op.outcome() == OpType.OK)
                .sorted(Comparator.comparingInt(Operation::returnAt)).toList();
        List<Operation> returned = reads.stream().sorted(Comparator.comparingInt(Operation::returnAt)).toList();
        int nextWrite = 0;
        int nextRead = 0;
        Operation newestWrite = null;
        Operation newestSeen = null;
        for (Operation read : reads) {
            while (nextWrite < acknowledged.size() && acknowledged.get(nextWrite).returnAt() < read.callAt()) {
                newestWrite = newer(newestWrite, acknowledged.get(nextWrite++));
            }
            while (nextRead < returned.size() && returned.get(nextRead).returnAt() < read.callAt()) {
                Operation seen = returned.get(nextRead++);
                if (newestSeen == null || writerOf(seen, writers).callAt() > writerOf(newestSeen, writers).callAt()) {
                    newestSeen = seen;
                }
            }
            Operation writer = writerOf(read, writers);
            if (newestWrite != null && precedes(writer, newestWrite)) {
                findings.add(new Finding(MISSED_WRITE, "Acknowledged write missed", "op #" + read.invoke().index()
                        + " read " + Values.show(read.value()) + " from " + read.key() + " after the write of "
                        + Values.show(written(newestWrite)) + " (op #" + newestWrite.invoke().index() + ") was acknowledged, and "
                        + older(read, writer, "that write"), List.of(writer, newestWrite, read)));
            } else if (newestSeen != null && precedes(writer, writerOf(newestSeen, writers))) {
                findings.add(new Finding(WENT_BACK, "Read went back in time", "op #" + read.invoke().index() + " read "
                        + Values.show(read.value()) + " from " + read.key() + " after op #" + newestSeen.invoke().index()
                        + " had returned " + Values.show(newestSeen.value()) + ", and "
                        + older(read, writer, "the write of " + Values.show(newestSeen.value())),
                        List.of(writer, newestSeen, read)));
            }
        }
        return reads.size();
    }

    /** Why the value read is older than {@code newer}'s: its write was done before that one began. */
    private static String older(Operation read, Operation writer, String newer) {
        return Values.show(read.value()) + "'s write (op #" + writer.invoke().index() + ") was acknowledged before "
                + newer + " began";
    }

    /** The write that invoked later of two, the one fewer writes can follow. */
    private static Operation newer(Operation a, Operation b) {
        return a == null || b.callAt() > a.callAt() ? b : a;
    }

    /** The write of a read's value. */
    private static Operation writerOf(Operation read, Map<Object, Operation> writers) {
        return writers.get(Values.normalize(read.value()));
    }

    /** {@code older} comes before {@code newer} in every linearization. */
    private static boolean precedes(Operation older, Operation newer) {
        return older != newer && older.outcome() == OpType.OK && older.returnAt() < newer.callAt();
    }

    /** The value each write or compare-and-set that may have happened put, or null when one was written twice. */
    private static Map<Object, Operation> writers(List<Operation> ops) {
        Map<Object, Operation> writers = new HashMap<>();
        for (Operation op : ops) {
            if (isWrite(op) && op.outcome() != OpType.FAIL && writers.put(written(op), op) != null) {
                return null;
            }
        }
        return writers;
    }

    private static boolean isWrite(Operation op) {
        return op.f().equals("write") || op.f().equals("cas");
    }

    private static Object written(Operation op) {
        Object value = Values.normalize(op.value());
        if (op.f().equals("cas")) {
            return value instanceof List<?> pair && pair.size() == 2 ? pair.get(1) : null;
        }
        return value;
    }
}
