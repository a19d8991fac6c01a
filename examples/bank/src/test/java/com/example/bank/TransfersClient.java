package com.example.bank;

import dev.faultline.workload.Client;
import dev.faultline.workload.DriverErrors;
import dev.faultline.workload.Invocation;
import dev.faultline.workload.Outcome;

import java.util.List;

/**
 * The team's client over its DAO: {@code transfer} of {@code [from, to, amount]} and {@code read} of every balance.
 * A refusal the DAO reports is a fail; a driver error is what {@link DriverErrors} says of it.
 */
final class TransfersClient implements Client {

    private final AccountDao dao;
    private final boolean lightweightTransactions;

    TransfersClient(AccountDao dao, boolean lightweightTransactions) {
        this.dao = dao;
        this.lightweightTransactions = lightweightTransactions;
    }

    @Override
    public Outcome invoke(Invocation op) {
        boolean transfer = op.f().equals("transfer");
        try {
            if (!transfer) {
                return Outcome.ok(lightweightTransactions ? dao.balancesSerial() : dao.balances());
            }
            List<?> t = (List<?>) op.value();
            String from = (String) t.get(0);
            String to = (String) t.get(1);
            long amount = ((Number) t.get(2)).longValue();
            AccountDao.Transfer done = lightweightTransactions ? dao.transferIfUnchanged(from, to, amount)
                    : dao.transfer(from, to, amount);
            return done == AccountDao.Transfer.DONE ? Outcome.ok(op.value())
                    : Outcome.fail(op.value(), done.name().toLowerCase().replace('_', ' '));
        } catch (RuntimeException e) {
            return DriverErrors.outcome(e, transfer, transfer ? op.value() : null);
        }
    }
}
