package dev.faultline.workload;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import dev.faultline.checker.Budget;
import dev.faultline.checker.Checker;
import dev.faultline.checker.Checkers;
import dev.faultline.model.RegisterModel;

import java.net.http.HttpClient;
import dev.faultline.history.HistoryRecorder;
import dev.faultline.history.OpType;
import dev.faultline.history.Process;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * A workload bound to a session and a run: the client in each slot (0 … concurrency-1), the next op
 * for a slot (drawn with that client's own seeded random), the ops one fresh client runs once every
 * fault is healed, such as the set's final read, and the values its keys were given at ALL before
 * the run, which the history must hold to be checked on its own, and the checkers its histories need.
 */
public record Workload(BiFunction<Integer, ClientClock, Client> clients,
                       BiFunction<Integer, Random, Invocation> generator,
                       List<Invocation> finalOps,
                       Map<String, Object> seeded,
                       List<Checker> checkers) {

    /** The process that wrote the seeded values, before any client. */
    public static final Process SEEDER = Process.client(1_000_000);

    /**
     * Records the seeding writes as the history's first ops ({@link #SEEDER} writes each value, ok),
     * so that {@code faultline check} on the history alone, whole or cut short, starts where the run
     * started instead of from nil.
     */
    public static void recordSeeded(HistoryRecorder recorder, Map<String, ?> seeded) {
        seeded.forEach((key, value) -> {
            recorder.record(SEEDER, OpType.INVOKE, "write", key, value);
            recorder.record(SEEDER, OpType.OK, "write", key, value);
        });
    }

    public Client client(int slot, ClientClock clock) {
        return clients.apply(slot, clock);
    }

    public Invocation next(int slot, Random random) {
        return generator.apply(slot, random);
    }

    /**
     * Registers over CQL, on keys k0 … k(n-1). Rows carry {@code run} in their partition key, as in every
     * CQL workload here, so runs never see each other's data.
     */
    public static Workload registers(CqlSession session, String run, int keys, int clients, Ops.Generator generator,
                                     ConsistencyLevel read, ConsistencyLevel write) {
        var statements = CqlRegisterClient.Statements.prepare(session);
        // every register starts at 0 on every replica, so that a compare-and-set has something to
        // compare with, and LWT runs need no blind writes (mixing those with Paxos is unsafe)
        for (int k = 0; k < keys; k++) {
            session.execute(statements.write().bind(0L, run, "k" + k).setConsistencyLevel(DefaultConsistencyLevel.ALL));
        }
        return new Workload(
                (slot, clock) -> new CqlRegisterClient(session, statements, run, read, write, clock),
                (slot, random) -> generator.next(random),
                List.of(), zeroes(keys), checkers(Checkers.Shape.UNIQUE_REGISTER, clients));
    }

    /**
     * Registers through printerfacts' replicas over HTTP: one fact per key, created at ALL before the
     * run so that every replica starts from 0.
     */
    public static Workload registersOverHttp(HttpClient http, ReplicaRoundRobin replicas, int keys, int clients,
                                             Ops.Generator generator, String read, String write) {
        Map<String, String> factKeys = new HashMap<>();
        for (int k = 0; k < keys; k++) {
            factKeys.put("k" + k, HttpRegisterClient.create(http, replicas, "ALL"));
        }
        return new Workload(
                (slot, clock) -> new HttpRegisterClient(http, replicas, factKeys, read, write),
                (slot, random) -> generator.next(random),
                List.of(), zeroes(keys), checkers(Checkers.Shape.UNIQUE_REGISTER, clients));
    }

    /** Every checker the registry has for histories of this shape, as `faultline check` picks them. */
    private static List<Checker> checkers(Checkers.Shape shape, int clients) {
        return Checkers.fitting(new Checkers.Options(shape, RegisterModel.register(), Budget.defaults(), clients));
    }

    /** Keys k0 … k(n-1), each holding 0, in key order. */
    private static Map<String, Object> zeroes(int keys) {
        Map<String, Object> seeded = new LinkedHashMap<>();
        for (int k = 0; k < keys; k++) {
            seeded.put("k" + k, 0L);
        }
        return seeded;
    }

    /** Adds of unique elements to one set; once healed, one read of the whole set. */
    public static Workload set(CqlSession session, String run, ConsistencyLevel read, ConsistencyLevel write) {
        var statements = CqlSetClient.Statements.prepare(session);
        AtomicLong nextElement = new AtomicLong();
        return new Workload(
                (slot, clock) -> new CqlSetClient(session, statements, run, read, write),
                (slot, random) -> new Invocation("add", null, nextElement.incrementAndGet()),
                List.of(new Invocation("read", null, null)), Map.of(), checkers(Checkers.Shape.SET, 1));
    }

    /** One writer per slot appending numbered rows; once healed, one read of each writer's rows. */
    public static Workload sequences(CqlSession session, String run, int writers, ConsistencyLevel read,
                                     ConsistencyLevel write) {
        var statements = CqlSequenceWriter.Statements.prepare(session);
        return new Workload(
                (slot, clock) -> new CqlSequenceWriter(session, statements, run, slot, read, write),
                (slot, random) -> new Invocation("append", CqlSequenceWriter.key(slot), null),
                IntStream.range(0, writers)
                        .mapToObj(w -> new Invocation("read-all", CqlSequenceWriter.key(w), null)).toList(), Map.of(),
                checkers(Checkers.Shape.SEQUENCES, writers));
    }

    /** Increments of counters c0 … c(n-1); once healed, one read of each. */
    public static Workload counters(CqlSession session, String run, int keys, boolean retryTimeouts,
                                    ConsistencyLevel read, ConsistencyLevel write) {
        var statements = CqlCounterClient.Statements.prepare(session);
        return new Workload(
                (slot, clock) -> new CqlCounterClient(session, statements, run, read, write, null,
                        retryTimeouts ? CqlCounterClient.Retry.ONCE : CqlCounterClient.Retry.NEVER),
                (slot, random) -> new Invocation("add", "c" + random.nextInt(keys), 1L),
                IntStream.range(0, keys).mapToObj(k -> new Invocation("read", "c" + k, null)).toList(), Map.of(),
                checkers(Checkers.Shape.COUNTER, 1));
    }
}
