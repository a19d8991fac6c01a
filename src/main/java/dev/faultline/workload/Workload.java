package dev.faultline.workload;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import dev.faultline.printerfacts.ReplicaRoundRobin;
import dev.faultline.scenario.WorkloadSpec;

import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** A workload bound to a session and a run: clients, the ops they do, and the ops after healing. */
public interface Workload {

    /** The client in {@code slot} (0 … concurrency-1). */
    Client client(int slot, ClientClock clock);

    /** The next op for the client in {@code slot}, drawn with that client's own seeded random. */
    Invocation next(int slot, Random random);

    /** Ops one fresh client runs once every fault is healed, such as the set's final read. */
    List<Invocation> finalOps();

    /**
     * The CQL workloads. Rows carry {@code run} in their partition key, so runs never see each
     * other's data.
     */
    static Workload over(CqlSession session, WorkloadSpec spec, String run) {
        if (spec instanceof WorkloadSpec.Register r) {
            return register(session, r, run);
        }
        if (spec instanceof WorkloadSpec.Set s) {
            return set(session, s, run);
        }
        if (spec instanceof WorkloadSpec.Sequence q) {
            return sequence(session, q, run);
        }
        throw new IllegalArgumentException("the " + spec.getClass().getSimpleName().toLowerCase()
                + " workload does not run over CQL; register, set and sequence do");
    }

    /**
     * Registers through printerfacts' replicas over HTTP: one fact per key, created at ALL before the
     * run so that every replica starts from 0.
     */
    static Workload overHttp(HttpClient http, ReplicaRoundRobin replicas, WorkloadSpec.Printerfacts spec) {
        Map<String, String> factKeys = new HashMap<>();
        for (int k = 0; k < spec.keys(); k++) {
            factKeys.put("k" + k, HttpRegisterClient.create(http, replicas, "ALL"));
        }
        var generator = new RegisterGenerator(spec.mix(), spec.keys());
        return new Workload() {
            @Override
            public Client client(int slot, ClientClock clock) {
                return new HttpRegisterClient(http, replicas, factKeys,
                        spec.readConsistency().name(), spec.writeConsistency().name());
            }

            @Override
            public Invocation next(int slot, Random random) {
                return generator.next(random);
            }

            @Override
            public List<Invocation> finalOps() {
                return List.of();
            }
        };
    }

    private static Workload register(CqlSession session, WorkloadSpec.Register spec, String run) {
        var statements = CqlRegisterClient.Statements.prepare(session);
        // every register starts at 0 on every replica, so that a compare-and-set has something to
        // compare with, and LWT runs need no blind writes (mixing those with Paxos is unsafe)
        for (int k = 0; k < spec.keys(); k++) {
            session.execute(statements.write().bind(0L, run, "k" + k).setConsistencyLevel(DefaultConsistencyLevel.ALL));
        }
        var generator = new RegisterGenerator(spec.mix(), spec.keys());
        var read = DefaultConsistencyLevel.valueOf(spec.readConsistency().name());
        var write = DefaultConsistencyLevel.valueOf(spec.writeConsistency().name());
        return new Workload() {
            @Override
            public Client client(int slot, ClientClock clock) {
                return new CqlRegisterClient(session, statements, run, read, write, clock);
            }

            @Override
            public Invocation next(int slot, Random random) {
                return generator.next(random);
            }

            @Override
            public List<Invocation> finalOps() {
                return List.of();
            }
        };
    }

    private static Workload set(CqlSession session, WorkloadSpec.Set spec, String run) {
        var statements = CqlSetClient.Statements.prepare(session);
        var read = DefaultConsistencyLevel.valueOf(spec.readConsistency().name());
        var write = DefaultConsistencyLevel.valueOf(spec.writeConsistency().name());
        AtomicLong nextElement = new AtomicLong();
        return new Workload() {
            @Override
            public Client client(int slot, ClientClock clock) {
                return new CqlSetClient(session, statements, run, read, write);
            }

            @Override
            public Invocation next(int slot, Random random) {
                return new Invocation("add", null, nextElement.incrementAndGet());
            }

            @Override
            public List<Invocation> finalOps() {
                return List.of(new Invocation("read", null, null));
            }
        };
    }

    private static Workload sequence(CqlSession session, WorkloadSpec.Sequence spec, String run) {
        var statements = CqlSequenceWriter.Statements.prepare(session);
        var read = DefaultConsistencyLevel.valueOf(spec.readConsistency().name());
        var write = DefaultConsistencyLevel.valueOf(spec.writeConsistency().name());
        return new Workload() {
            @Override
            public Client client(int slot, ClientClock clock) {
                return new CqlSequenceWriter(session, statements, run, slot, read, write);
            }

            @Override
            public Invocation next(int slot, Random random) {
                return new Invocation("append", CqlSequenceWriter.key(slot), null);
            }

            @Override
            public List<Invocation> finalOps() {
                return java.util.stream.IntStream.range(0, spec.writers())
                        .mapToObj(w -> new Invocation("read-all", CqlSequenceWriter.key(w), null)).toList();
            }
        };
    }
}
