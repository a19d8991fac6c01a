package dev.faultline.scenario;

/**
 * Workloads written as sentences, for {@link ScenarioBuilder#workload(Workloads.Builder)}:
 * {@code Workloads.register().keys(6).clients(6).rate(150)}. Whatever is not said takes the same
 * default as in YAML.
 */
public final class Workloads {

    private Workloads() {
    }

    /** Something that makes a workload spec, checked as the YAML form is. */
    public interface Builder {
        WorkloadSpec build();
    }

    /** Reads, writes and compare-and-sets on independent registers over CQL. */
    public static RegisterBuilder register() {
        return new RegisterBuilder(false);
    }

    /** The same register operations through printerfacts' HTTP replicas. */
    public static RegisterBuilder printerfacts() {
        return new RegisterBuilder(true);
    }

    /** Adds of unique elements to a set, read back at ALL after healing. */
    public static SetBuilder set() {
        return new SetBuilder();
    }

    /** Writers appending numbered rows: gaps and duplicates show lost and repeated writes. */
    public static SequenceBuilder sequence() {
        return new SequenceBuilder();
    }

    /** Increments of Cassandra counters, each read back at ALL after healing. */
    public static CounterBuilder counter() {
        return new CounterBuilder();
    }

    public static final class RegisterBuilder implements Builder {
        private final boolean overHttp;
        private Integer keys;
        private Integer clients;
        private Integer rate;
        private WorkloadSpec.Mix mix;
        private Consistency readAt;
        private Consistency writeAt;

        private RegisterBuilder(boolean overHttp) {
            this.overHttp = overHttp;
        }

        /** How many independent registers (keys) the clients share. */
        public RegisterBuilder keys(int count) {
            this.keys = count;
            return this;
        }

        /** How many concurrent clients. */
        public RegisterBuilder clients(int count) {
            this.clients = count;
            return this;
        }

        /** Ops per second over all clients; 0 for as fast as they can. */
        public RegisterBuilder rate(int opsPerSecond) {
            this.rate = opsPerSecond;
            return this;
        }

        /** Relative weights of reads, writes and compare-and-sets. */
        public RegisterBuilder mix(int reads, int writes, int compareAndSets) {
            this.mix = new WorkloadSpec.Mix(reads, writes, compareAndSets);
            return this;
        }

        public RegisterBuilder readAt(Consistency level) {
            this.readAt = level;
            return this;
        }

        public RegisterBuilder writeAt(Consistency level) {
            this.writeAt = level;
            return this;
        }

        @Override
        public WorkloadSpec build() {
            return overHttp ? new WorkloadSpec.Printerfacts(keys, clients, rate, mix, readAt, writeAt)
                    : new WorkloadSpec.Register(keys, clients, rate, mix, readAt, writeAt);
        }
    }

    public static final class SetBuilder implements Builder {
        private Integer clients;
        private Integer rate;
        private Consistency readAt;
        private Consistency writeAt;

        private SetBuilder() {
        }

        public SetBuilder clients(int count) {
            this.clients = count;
            return this;
        }

        public SetBuilder rate(int opsPerSecond) {
            this.rate = opsPerSecond;
            return this;
        }

        /** The level of the final read (ALL by default). */
        public SetBuilder readAt(Consistency level) {
            this.readAt = level;
            return this;
        }

        public SetBuilder writeAt(Consistency level) {
            this.writeAt = level;
            return this;
        }

        @Override
        public WorkloadSpec build() {
            return new WorkloadSpec.Set(clients, rate, readAt, writeAt);
        }
    }

    public static final class SequenceBuilder implements Builder {
        private Integer writers;
        private Integer rate;
        private Consistency readAt;
        private Consistency writeAt;

        private SequenceBuilder() {
        }

        public SequenceBuilder writers(int count) {
            this.writers = count;
            return this;
        }

        public SequenceBuilder rate(int opsPerSecond) {
            this.rate = opsPerSecond;
            return this;
        }

        public SequenceBuilder readAt(Consistency level) {
            this.readAt = level;
            return this;
        }

        public SequenceBuilder writeAt(Consistency level) {
            this.writeAt = level;
            return this;
        }

        @Override
        public WorkloadSpec build() {
            return new WorkloadSpec.Sequence(writers, rate, readAt, writeAt);
        }
    }

    public static final class CounterBuilder implements Builder {
        private Integer keys;
        private Integer clients;
        private Integer rate;
        private Boolean retryTimeouts;
        private Consistency readAt;
        private Consistency writeAt;

        private CounterBuilder() {
        }

        /** How many counters the clients share. */
        public CounterBuilder keys(int count) {
            this.keys = count;
            return this;
        }

        public CounterBuilder clients(int count) {
            this.clients = count;
            return this;
        }

        public CounterBuilder rate(int opsPerSecond) {
            this.rate = opsPerSecond;
            return this;
        }

        /** Send a timed-out increment once more, as a naive application does. */
        public CounterBuilder retryingTimeouts() {
            this.retryTimeouts = true;
            return this;
        }

        /** The final reads' level (ALL unless told). */
        public CounterBuilder readAt(Consistency level) {
            this.readAt = level;
            return this;
        }

        public CounterBuilder writeAt(Consistency level) {
            this.writeAt = level;
            return this;
        }

        @Override
        public WorkloadSpec build() {
            return new WorkloadSpec.Counter(keys, clients, rate, retryTimeouts, readAt, writeAt);
        }
    }
}
