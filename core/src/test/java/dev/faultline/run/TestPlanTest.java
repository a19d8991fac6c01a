package dev.faultline.run;

import dev.faultline.checker.Validity;
import dev.faultline.cluster.RecordingCluster;
import dev.faultline.history.History;
import dev.faultline.history.JsonlHistory;
import dev.faultline.history.OpType;
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
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestPlanTest {

    @TempDir
    Path dir;

    private final RecordingCluster fake = new RecordingCluster("n1", "n2", "n3");
    private final List<String> progress = new ArrayList<>();
    private final Faultline faultline = Faultline.on(fake.cluster()).progress(progress::add);

    private static final Map<String, Long> OPENING = Map.of("a", 100L, "b", 100L, "c", 100L);

    /** An account DAO of a team's own, in memory: transfers refuse to overdraw. */
    static final class Accounts {
        private final Map<String, Long> balances = new TreeMap<>(OPENING);

        synchronized boolean transfer(String from, String to, long amount) {
            if (balances.get(from) < amount) {
                return false;
            }
            balances.merge(from, -amount, Long::sum);
            balances.merge(to, amount, Long::sum);
            return true;
        }

        synchronized Map<String, Long> read() {
            return new TreeMap<>(balances);
        }
    }

    /** The team's client over its DAO: ok, or fail when the DAO refused. */
    static Client client(Accounts accounts) {
        return op -> switch (op.f()) {
            case "transfer" -> {
                List<?> t = (List<?>) op.value();
                yield accounts.transfer((String) t.get(0), (String) t.get(1), (Long) t.get(2))
                        ? Outcome.ok(op.value()) : Outcome.fail(op.value(), "insufficient funds");
            }
            case "read" -> Outcome.ok(accounts.read());
            default -> throw new IllegalArgumentException(op.f());
        };
    }

    static Object randomTransfer(Random random) {
        List<String> names = List.of("a", "b", "c");
        int from = random.nextInt(3);
        return List.of(names.get(from), names.get((from + 1 + random.nextInt(2)) % 3), (long) random.nextInt(30) + 1);
    }

    private static final Ops.Generator BANK_OPS = Ops.mix(Ops.custom("transfer", TestPlanTest::randomTransfer).weight(2), Ops.read());

    @Test
    void aTeamsOwnClientRunsUnderAFaultAndItsModelFindsItLinearizableWithEveryFileWritten() throws Exception {
        Accounts accounts = new Accounts();
        TestRun run = faultline.into(dir).test("transfers")
                .client(session -> client(accounts))
                .ops(BANK_OPS)
                .clients(4).rate(0).duration(Duration.ofMillis(600)).opCount(400).seed(7)
                .fault(Faults.kill("n2").at(Duration.ofMillis(100)).healAfter(Duration.ofMillis(200)))
                .check(Checks.linearizable(new BankModel(OPENING), Duration.ofMinutes(2)))
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
            assertThat(op.value()).isEqualTo(accounts.read());
        });
        assertThat(run.folder()).isEqualTo(dir);
        assertThat(dir.resolve("QUORUM/history.edn")).isRegularFile();
        assertThat(dir.resolve("QUORUM/driver.log")).isRegularFile();
        assertThat(dir.resolve("analysis.json")).isRegularFile();
        assertThat(Files.readString(dir.resolve("summary.md"))).startsWith("# transfers").contains("Seed 7");
        assertThat(Files.readString(run.report())).contains("transfers");
        assertThat(progress).anyMatch(line -> line.startsWith("test transfers, seed 7"));
    }

    @Test
    void aReadServedFromAStaleCacheIsFoundByTheTeamsModelAndNamedInItsOwnOps() {
        Accounts accounts = new Accounts();
        Map<String, Long> cached = accounts.read();
        Client cachingReads = op -> op.f().equals("read") ? Outcome.ok(cached) : client(accounts).invoke(op);
        TestRun run = faultline.into(dir).test("cached-balances")
                .client(session -> cachingReads)
                .ops(BANK_OPS).clients(1).rate(0).opCount(40).seed(3)
                .check(Checks.linearizable(new BankModel(OPENING)))
                .run(Consistency.ONE);

        LevelResult one = run.only();
        assertThat(one.validity()).isEqualTo(Validity.INVALID);
        assertThat(one.checks().get(0).findings()).isNotEmpty().first()
                .satisfies(f -> assertThat(f.sentence()).contains("read").contains("total 300"));
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
        assertThatThrownBy(() -> Checks.linearizable(new BankModel(OPENING), Duration.ZERO)).hasMessage(
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
