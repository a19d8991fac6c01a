package dev.faultline.run;

import dev.faultline.checker.Validity;
import dev.faultline.cluster.RecordingCluster;
import dev.faultline.history.History;
import dev.faultline.history.JsonlHistory;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.model.Model;
import dev.faultline.scenario.Consistency;
import dev.faultline.scenario.Faults;
import dev.faultline.scenario.LevelResult;
import dev.faultline.workload.Client;
import dev.faultline.workload.Invocation;
import dev.faultline.workload.Ops;
import dev.faultline.workload.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestPlanTest {

    @TempDir
    Path dir;

    private final RecordingCluster fake = new RecordingCluster("n1", "n2", "n3");
    private final List<String> progress = new ArrayList<>();
    private final Faultline faultline = Faultline.on(fake.cluster()).progress(progress::add);

    private static final long SEATS = 100;

    /** A booking DAO of a team's own, in memory: a booking of more seats than are left is refused. */
    static final class Seats {
        private long left = SEATS;

        synchronized boolean book(long seats) {
            if (left < seats) {
                return false;
            }
            left -= seats;
            return true;
        }

        synchronized long left() {
            return left;
        }
    }

    /** The team's client over its DAO: ok, or fail when the DAO refused. */
    static Client client(Seats seats) {
        return op -> switch (op.f()) {
            case "book" -> seats.book((Long) op.value()) ? Outcome.ok(op.value()) : Outcome.fail(op.value(), "sold out");
            case "read" -> Outcome.ok(seats.left());
            default -> throw new IllegalArgumentException(op.f());
        };
    }

    /**
     * The team's own sequential model of the show: {@code book} of n takes n seats when n are left; {@code read}
     * returns how many are. Its ops name no key, so they are all one partition.
     */
    static final class SeatsModel implements Model<Long> {
        @Override
        public String name() {
            return "seats";
        }

        @Override
        public Set<String> functions() {
            return Set.of("book", "read");
        }

        @Override
        public String describeState(Long left) {
            return left + " seats left";
        }

        @Override
        public Long init() {
            return SEATS;
        }

        @Override
        public Long step(Long left, Operation op) {
            if (op.f().equals("read")) {
                return op.isIndeterminate() || left.equals(op.value()) ? left : null;
            }
            long seats = (Long) op.value();
            return left < seats ? null : left - seats;
        }

        /** A read leaves the seats as they are, so the search takes it as early as it can. */
        @Override
        public boolean readOnly(Operation op) {
            return op.f().equals("read");
        }
    }

    private static final Ops.Generator BOOKINGS = Ops.mix(Ops.custom("book", random -> random.nextInt(3) + 1L).weight(2), Ops.read());

    @Test
    void aTeamsOwnClientRunsUnderAFaultAndItsModelFindsItLinearizableWithEveryFileWritten() throws Exception {
        Seats seats = new Seats();
        TestRun run = faultline.into(dir).test("bookings")
                .client(session -> client(seats))
                .ops(BOOKINGS)
                .clients(4).rate(0).duration(Duration.ofMillis(600)).opCount(400).seed(7)
                .fault(Faults.kill("n2").at(Duration.ofMillis(100)).healAfter(Duration.ofMillis(200)))
                .check(Checks.linearizable(new SeatsModel(), Duration.ofMinutes(2)))
                .finalOps(new Invocation("read", null, null))
                .run(Consistency.QUORUM);

        LevelResult quorum = run.at(Consistency.QUORUM);
        assertThat(quorum.validity()).isEqualTo(Validity.VALID);
        assertThat(fake.calls()).containsSubsequence("kill n2", "restart n2", "healAll");
        History history = JsonlHistory.read(quorum.history(), w -> { });
        assertThat(history.ops()).filteredOn(op -> op.process().toString().startsWith("nemesis")).extracting(op -> op.f())
                .contains("start-kill", "stop-kill");
        long invoked = history.ops().stream().filter(op -> op.type() == OpType.INVOKE && !op.isNemesis()).count();
        assertThat(invoked).as("at most the op count, and the final read").isLessThanOrEqualTo(401);
        assertThat(history.ops()).last().satisfies(op -> {
            assertThat(op.f()).isEqualTo("read");
            assertThat(op.value()).isEqualTo(seats.left());
        });
        assertThat(run.folder()).isEqualTo(dir);
        assertThat(dir.resolve("QUORUM/history.edn")).isRegularFile();
        assertThat(dir.resolve("QUORUM/driver.log")).isRegularFile();
        assertThat(dir.resolve("analysis.json")).isRegularFile();
        assertThat(Files.readString(dir.resolve("summary.md"))).startsWith("# bookings").contains("Seed 7");
        assertThat(Files.readString(run.report())).contains("bookings");
        assertThat(progress).anyMatch(line -> line.startsWith("test bookings, seed 7"));
    }

    /** Outside JUnit a run writes under the build's output by its name, never into ./results of the working directory. */
    @Test
    void aRunWritesUnderTargetByItsNameAndNeverIntoResults() throws Exception {
        Path results = Path.of("results");
        List<Path> before = Files.exists(results) ? listed(results) : List.of();
        Path expected = Faultline.DEFAULT_ROOT.resolve("own-folder");

        TestRun run = Faultline.on(fake.cluster()).progress(progress::add).test("own-folder")
                .client(session -> op -> Outcome.ok(null)).ops(Ops.mix(Ops.read())).opCount(1).run(Consistency.ONE);

        assertThat(run.folder()).isEqualTo(expected);
        assertThat(expected.resolve("report.html")).isRegularFile();
        assertThat(expected.resolve("ONE/history.jsonl")).isRegularFile();
        assertThat(Files.exists(results) ? listed(results) : List.of()).isEqualTo(before);
    }

    private static List<Path> listed(Path folder) throws java.io.IOException {
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    @Test
    void aReadServedFromAStaleCacheIsFoundByTheTeamsModelAndNamedInItsOwnOps() {
        Seats seats = new Seats();
        long cached = seats.left();
        Client cachingReads = op -> op.f().equals("read") ? Outcome.ok(cached) : client(seats).invoke(op);
        TestRun run = faultline.into(dir).test("cached-seats")
                .client(session -> cachingReads)
                .ops(BOOKINGS).clients(1).rate(0).opCount(40).seed(3)
                .check(Checks.linearizable(new SeatsModel()))
                .run(Consistency.ONE);

        LevelResult one = run.only();
        assertThat(one.validity()).isEqualTo(Validity.INVALID);
        assertThat(one.checks().get(0).findings()).isNotEmpty().first()
                .satisfies(f -> assertThat(f.sentence()).contains("read").contains(" seats left"));
    }

    @Test
    void aClientThatThrowsIsRecordedAsIndeterminateWithItsExceptionAndTheRunGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        TestRun run = faultline.into(dir).test("throwing")
                .client(session -> op -> {
                    if (calls.incrementAndGet() % 3 == 0) {
                        throw new IllegalStateException("the DAO's own bug");
                    }
                    return Outcome.ok(1L);
                })
                .ops(Ops.mix(Ops.write()).over("x")).clients(2).rate(0).opCount(30)
                .run(Consistency.ONE, Consistency.ALL);

        assertThat(run.levels()).extracting(LevelResult::level).containsExactly(Consistency.ONE, Consistency.ALL);
        History history = JsonlHistory.read(run.at(Consistency.ONE).history(), w -> { });
        assertThat(history.ops()).filteredOn(op -> op.type() == OpType.INFO)
                .isNotEmpty().allSatisfy(op -> assertThat(op.error()).isEqualTo("threw IllegalStateException: the DAO's own bug"));
        assertThat(history.ops()).filteredOn(op -> op.type() == OpType.INVOKE).hasSize(30);
        assertThat(run.at(Consistency.ALL).availability().total().ok()).isEqualTo(20);
    }

    @Test
    void aPlanWithoutAClientOrWithAFaultOnAnUnknownNodeIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> faultline.test("x").ops(Ops.mix(Ops.read())).run(Consistency.ONE))
                .hasMessageContaining("has no client");
        assertThatThrownBy(() -> faultline.test("x").client(s -> op -> Outcome.ok(null)).ops(Ops.mix(Ops.read()))
                .fault(Faults.kill("n9").at(Duration.ofSeconds(1))).run(Consistency.ONE))
                .hasMessageContaining("'n9'");
        assertThatThrownBy(() -> faultline.test("Not A Name")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> Checks.linearizable(new SeatsModel(), Duration.ZERO)).hasMessage(
                "the linearizability search's time limit is PT0S; allowed: more than 0");
        assertThatThrownBy(() -> faultline.test("x").clients(0)).hasMessage(
                "clients is 0; allowed: 1 to 256 (each is a thread with a client of its own)");
    }

    @Test
    void aSchemaFileIsSplitIntoItsStatementsAndRunBeforeTheFirstLevel() throws Exception {
        Path schema = dir.resolve("bank.cql");
        Files.writeString(schema, """
                -- the team's migration
                CREATE TABLE IF NOT EXISTS accounts (id text PRIMARY KEY, balance bigint); // accounts
                INSERT INTO accounts (id, balance) VALUES ('a;b', 100);
                """);
        assertThat(CqlStatements.read(schema)).containsExactly(
                "CREATE TABLE IF NOT EXISTS accounts (id text PRIMARY KEY, balance bigint)",
                "INSERT INTO accounts (id, balance) VALUES ('a;b', 100)");
        assertThatThrownBy(() -> faultline.test("x").schema(dir.resolve("missing.cql")))
                .hasMessageEndingWith("missing.cql: no such file");

        faultline.into(dir.resolve("run")).test("schema").schema(schema).client(s -> op -> Outcome.ok(null))
                .ops(Ops.mix(Ops.read())).opCount(1).run(Consistency.ONE);
        assertThat(fake.calls().get(0)).isEqualTo("createSchema 2 statements");
    }
}
