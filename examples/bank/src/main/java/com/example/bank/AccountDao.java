package com.example.bank;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.util.Map;
import java.util.TreeMap;

/**
 * A team's own DAO, as a bank might write it: the accounts of one bank in one partition of its own table
 * ({@code bank.cql}), and a
 * transfer that reads both balances and writes both back. {@link #transferIfUnchanged} is the same transfer as a
 * lightweight transaction: both rows change only if neither changed since they were read.
 */
public final class AccountDao {

    public enum Transfer { DONE, INSUFFICIENT_FUNDS, CHANGED_MEANWHILE }

    private final CqlSession session;
    private final String bank;
    private final ConsistencyLevel level;
    private final PreparedStatement select;
    private final PreparedStatement update;
    private final PreparedStatement updateIf;

    public AccountDao(CqlSession session, String bank, ConsistencyLevel level) {
        this.session = session;
        this.bank = bank;
        this.level = level;
        this.select = session.prepare("SELECT id, balance FROM accounts WHERE bank = ?");
        this.update = session.prepare("UPDATE accounts SET balance = ? WHERE bank = ? AND id = ?");
        this.updateIf = session.prepare("UPDATE accounts SET balance = ? WHERE bank = ? AND id = ? IF balance = ?");
    }

    /** Opens every account with its balance, on every replica. */
    public void open(Map<String, Long> balances) {
        balances.forEach((id, balance) -> session.execute(update.bind(balance, bank, id)
                .setConsistencyLevel(DefaultConsistencyLevel.ALL)));
    }

    public Map<String, Long> balances() {
        return balancesAt(level);
    }

    /** Every balance through Paxos, as the lightweight transactions see them. */
    public Map<String, Long> balancesSerial() {
        return balancesAt(DefaultConsistencyLevel.SERIAL);
    }

    private Map<String, Long> balancesAt(ConsistencyLevel at) {
        Map<String, Long> balances = new TreeMap<>();
        for (Row row : session.execute(select.bind(bank).setConsistencyLevel(at))) {
            balances.put(row.getString("id"), row.getLong("balance"));
        }
        return balances;
    }

    /** Read, check, write: two concurrent transfers from one account both start from the same balance. */
    public Transfer transfer(String from, String to, long amount) {
        Map<String, Long> now = balances();
        if (now.get(from) < amount) {
            return Transfer.INSUFFICIENT_FUNDS;
        }
        session.execute(BatchStatement.newInstance(DefaultBatchType.UNLOGGED,
                        update.bind(now.get(from) - amount, bank, from), update.bind(now.get(to) + amount, bank, to))
                .setConsistencyLevel(level));
        return Transfer.DONE;
    }

    /** The same transfer, applied only if neither balance changed since it was read (one Paxos round, one partition). */
    public Transfer transferIfUnchanged(String from, String to, long amount) {
        Map<String, Long> now = balancesSerial();
        if (now.get(from) < amount) {
            return Transfer.INSUFFICIENT_FUNDS;
        }
        boolean applied = session.execute(BatchStatement.newInstance(DefaultBatchType.UNLOGGED,
                        updateIf.bind(now.get(from) - amount, bank, from, now.get(from)),
                        updateIf.bind(now.get(to) + amount, bank, to, now.get(to)))
                .setConsistencyLevel(level).setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL)).wasApplied();
        return applied ? Transfer.DONE : Transfer.CHANGED_MEANWHILE;
    }
}
