package com.example.bank;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import dev.faultline.checker.Checkers;
import dev.faultline.junit.CassandraCluster;
import dev.faultline.run.Checks;
import dev.faultline.run.Faultline;
import dev.faultline.run.TestPlan;
import dev.faultline.run.TestRun;
import dev.faultline.scenario.Consistency;
import dev.faultline.scenario.Faults;
import dev.faultline.workload.Invocation;
import dev.faultline.workload.Ops;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.faultline.junit.FaultlineAssertions.assertThat;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@CassandraCluster(nodes = 3, replicationFactor = 3)
class TransfersTest {

    static final Map<String, Long> OPENING = Map.of("a", 100L, "b", 100L, "c", 100L);

    /** [from, to, amount]: up to 20 between two of the three accounts. */
    static Object randomTransfer(Random random) {
        List<String> accounts = List.of("a", "b", "c");
        int from = random.nextInt(3);
        return List.of(accounts.get(from), accounts.get((from + 1 + random.nextInt(2)) % 3), random.nextInt(20) + 1L);
    }

    /** Money is neither created nor lost: every read's balances add up to 300. */
    static Checks conservation() {
        return Checks.of(Checkers.invariant("read", "Money created or lost", balances -> {
            long total = ((Map<?, ?>) balances).values().stream().mapToLong(v -> (Long) v).sum();
            return total == 300 ? null : "the balances add up to " + total + ", not 300";
        }));
    }

    static TestPlan transfers(Faultline faultline, String bank, boolean lightweightTransactions) {
        return faultline.test(bank)
                .keyspace("bank")
                .schema(Path.of("src/main/resources/bank.cql"))
                .setUp(session -> new AccountDao(session, bank, DefaultConsistencyLevel.ALL).open(OPENING))
                .client((session, level) -> new TransfersClient(new AccountDao(session, bank, level), lightweightTransactions))
                .ops(Ops.mix(Ops.custom("transfer", TransfersTest::randomTransfer).weight(3), Ops.read()))
                .clients(3).rate(30).duration(ofSeconds(25))
                .fault(Faults.isolate("n3").at(ofSeconds(5)).healAfter(ofSeconds(8)))
                .fault(Faults.kill("n2").at(ofSeconds(15)).healAfter(ofSeconds(5)))
                .finalOps(new Invocation("read", null, null))
                .check(Checks.linearizable(new BankModel(OPENING)), conservation());
    }

    @Test
    void readModifyWriteAtQuorumCreatesOrLosesMoney(Faultline faultline) {
        TestRun run = transfers(faultline, "read-modify-write", false).run(Consistency.QUORUM);

        assertThat(run).hasAnomaly("money-created-or-lost");
        // what a test asserting otherwise says: the anomaly, the op that shows it, the report to open
        assertThatThrownBy(() -> assertThat(run).hasNoAnomalies())
                .hasMessageStartingWith("expected no anomaly at QUORUM, but ").hasMessageContaining(" by op #")
                .hasMessageEndingWith("see " + run.report().toAbsolutePath());
    }

    @Test
    void lightweightTransactionsKeepEveryCent(Faultline faultline) {
        TestRun run = transfers(faultline, "lightweight-transactions", true).run(Consistency.QUORUM);

        assertThat(run).isLinearizable().hasNoAnomalies();
    }
}
