package dev.faultline.scenario;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.faultline.workload.ReplicaRoundRobin;
import dev.faultline.workload.Ops;
import dev.faultline.workload.Workload;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/** What the clients do. Every workload reads and writes at a consistency level of its own. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = WorkloadSpec.Register.class, name = "register"),
    @JsonSubTypes.Type(value = WorkloadSpec.Printerfacts.class, name = "printerfacts"),
    @JsonSubTypes.Type(value = WorkloadSpec.Set.class, name = "set"),
    @JsonSubTypes.Type(value = WorkloadSpec.Sequence.class, name = "sequence"),
    @JsonSubTypes.Type(value = WorkloadSpec.Counter.class, name = "counter")})
public sealed interface WorkloadSpec {

    Consistency readConsistency();

    Consistency writeConsistency();

    /** Clients running at once. */
    Integer concurrency();

    /** Operations per second over all clients; 0 means as fast as they can. */
    Integer rate();

    /** The same workload with reads and writes at {@code level}, for `compare:`. */
    WorkloadSpec at(Consistency level);

    /**
     * The workload this spec describes, bound to a level's session and run id (its rows carry it), and to
     * the printerfacts replicas' URLs for the workload that goes through them. Every spec maps itself, so
     * a new one does not compile until it is mapped.
     */
    Workload workload(CqlSession session, String run, List<URI> printerfacts);

    /** Reads, writes and compare-and-sets (LWT at SERIAL) on independent keys over CQL. */
    record Register(Integer keys, Integer concurrency, Integer rate, Mix mix,
                    Consistency readConsistency, Consistency writeConsistency) implements WorkloadSpec {
        public Register {
            keys = positive(keys, 10, "workload.keys");
            concurrency = positive(concurrency, 8, "workload.concurrency");
            rate = notNegative(rate, 200, "workload.rate");
            mix = mix == null ? new Mix(50, 50, 0) : mix;
            readConsistency = readConsistency == null ? Consistency.QUORUM : readConsistency;
            writeConsistency = writeConsistency == null ? Consistency.QUORUM : writeConsistency;
        }

        @Override
        public Register at(Consistency level) {
            return new Register(keys, concurrency, rate, mix, level, level);
        }

        @Override
        public Workload workload(CqlSession session, String run, List<URI> printerfacts) {
            return Workload.registers(session, run, keys, concurrency, mix.generator(keys),
                    readConsistency.driverLevel(), writeConsistency.driverLevel());
        }
    }

    /** PUT as write and GET as read, through printerfacts' HTTP replicas. */
    record Printerfacts(Integer keys, Integer concurrency, Integer rate, Mix mix,
                        Consistency readConsistency, Consistency writeConsistency) implements WorkloadSpec {
        public Printerfacts {
            keys = positive(keys, 10, "workload.keys");
            concurrency = positive(concurrency, 8, "workload.concurrency");
            rate = notNegative(rate, 100, "workload.rate");
            mix = mix == null ? new Mix(50, 50, 0) : mix;
            if (mix.cas() > 0) {
                throw new IllegalArgumentException("workload.mix.cas: printerfacts has no compare-and-set; allowed: read, write");
            }
            readConsistency = readConsistency == null ? Consistency.ONE : readConsistency;
            writeConsistency = writeConsistency == null ? Consistency.LOCAL_QUORUM : writeConsistency;
        }

        @Override
        public Printerfacts at(Consistency level) {
            return new Printerfacts(keys, concurrency, rate, mix, level, level);
        }

        @Override
        public Workload workload(CqlSession session, String run, List<URI> printerfacts) {
            if (printerfacts.isEmpty()) {
                throw new IllegalArgumentException("the printerfacts workload needs printerfacts replicas running");
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            return Workload.registersOverHttp(http, new ReplicaRoundRobin(printerfacts, http), keys, concurrency,
                    mix.generator(keys), readConsistency.name(), writeConsistency.name());
        }
    }

    /** Adds of unique elements; after healing, one read at ALL finds every acknowledged add or a lost write. */
    record Set(Integer concurrency, Integer rate, Consistency readConsistency, Consistency writeConsistency)
            implements WorkloadSpec {
        public Set {
            concurrency = positive(concurrency, 8, "workload.concurrency");
            rate = notNegative(rate, 200, "workload.rate");
            readConsistency = readConsistency == null ? Consistency.ALL : readConsistency;
            writeConsistency = writeConsistency == null ? Consistency.QUORUM : writeConsistency;
        }

        @Override
        public Set at(Consistency level) {
            return new Set(concurrency, rate, readConsistency, level);
        }

        @Override
        public Workload workload(CqlSession session, String run, List<URI> printerfacts) {
            return Workload.set(session, run, readConsistency.driverLevel(), writeConsistency.driverLevel());
        }
    }

    /** Writers that append numbered rows and keep their last number in Cassandra; gaps and duplicates are anomalies. */
    record Sequence(Integer writers, Integer rate, Consistency readConsistency, Consistency writeConsistency)
            implements WorkloadSpec {
        public Sequence {
            writers = positive(writers, 3, "workload.writers");
            rate = notNegative(rate, 50, "workload.rate");
            readConsistency = readConsistency == null ? Consistency.QUORUM : readConsistency;
            writeConsistency = writeConsistency == null ? Consistency.QUORUM : writeConsistency;
        }

        @Override
        public Integer concurrency() {
            return writers;
        }

        @Override
        public Sequence at(Consistency level) {
            return new Sequence(writers, rate, level, level);
        }

        @Override
        public Workload workload(CqlSession session, String run, List<URI> printerfacts) {
            return Workload.sequences(session, run, writers, readConsistency.driverLevel(), writeConsistency.driverLevel());
        }
    }

    /**
     * Increments of Cassandra counters on keys c0…c(n-1); after healing, one read of each at the read
     * level (ALL unless told) must lie between the acknowledged increments and those plus the
     * indeterminate ones. {@code retryTimeouts}: the clients send a timed-out increment again, as a
     * naive application does, which can count it twice.
     */
    record Counter(Integer keys, Integer concurrency, Integer rate, Boolean retryTimeouts,
                   Consistency readConsistency, Consistency writeConsistency) implements WorkloadSpec {
        public Counter {
            keys = positive(keys, 4, "workload.keys");
            concurrency = positive(concurrency, 8, "workload.concurrency");
            rate = notNegative(rate, 200, "workload.rate");
            retryTimeouts = retryTimeouts != null && retryTimeouts;
            readConsistency = readConsistency == null ? Consistency.ALL : readConsistency;
            writeConsistency = writeConsistency == null ? Consistency.QUORUM : writeConsistency;
        }

        /** `compare:` sets the increments' level; the final read stays at its own. */
        @Override
        public Counter at(Consistency level) {
            return new Counter(keys, concurrency, rate, retryTimeouts, readConsistency, level);
        }

        @Override
        public Workload workload(CqlSession session, String run, List<URI> printerfacts) {
            return Workload.counters(session, run, keys, retryTimeouts, readConsistency.driverLevel(),
                    writeConsistency.driverLevel());
        }
    }

    /** Relative weights of the operations a client picks. */
    record Mix(Integer read, Integer write, Integer cas) {
        public Mix {
            read = notNegative(read, 0, "workload.mix.read");
            write = notNegative(write, 0, "workload.mix.write");
            cas = notNegative(cas, 0, "workload.mix.cas");
            if (read + write + cas == 0) {
                throw new IllegalArgumentException("workload.mix needs at least one positive weight among read, write, cas");
            }
        }

        Ops.Generator generator(int keys) {
            return Ops.mix(Ops.read().weight(read), Ops.write().weight(write), Ops.cas().weight(cas)).overKeys(keys);
        }
    }

    /** Clients (threads with a session each) one harness runs well. */
    int MAX_CONCURRENCY = 256;
    /** Ops per second one harness can issue and record; above it the rate would be a wish. */
    int MAX_RATE = 20_000;
    /** Keys, writers' numbers and mix weights: far past any useful value, and sums cannot overflow. */
    int MAX_COUNT = 1_000_000;

    private static int positive(Integer value, int otherwise, String field) {
        int v = value == null ? otherwise : value;
        int max = maximum(field);
        if (v < 1 || v > max) {
            throw new IllegalArgumentException(field + " is " + v + "; allowed: 1 to " + max + why(field));
        }
        return v;
    }

    private static int notNegative(Integer value, int otherwise, String field) {
        int v = value == null ? otherwise : value;
        int max = maximum(field);
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(field + " is " + v + "; allowed: 0 to " + max + why(field));
        }
        return v;
    }

    private static int maximum(String field) {
        return switch (field) {
            case "workload.concurrency", "workload.writers" -> MAX_CONCURRENCY;
            case "workload.rate" -> MAX_RATE;
            default -> MAX_COUNT;
        };
    }

    private static String why(String field) {
        return switch (field) {
            case "workload.concurrency", "workload.writers" -> " (each is a client thread with its own session)";
            case "workload.rate" -> " ops/s (0: as fast as the clients can; one harness issues no more than that)";
            default -> "";
        };
    }
}
