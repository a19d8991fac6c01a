package com.example.bank;

import dev.faultline.checker.Validity;
import dev.faultline.junit.CassandraCluster;
import dev.faultline.run.Faultline;
import dev.faultline.run.TestRun;
import dev.faultline.scenario.Consistency;
import org.junit.jupiter.api.Test;

import static dev.faultline.junit.FaultlineAssertions.assertThat;
import static dev.faultline.junit.FaultlineAssertions.catchThrowableOfType;

/**
 * What a team sees when its DAO loses money: TransfersTest's read-modify-write plan, its failed assertion
 * (the anomaly, the op that shows it, the report to open) and the files beside the report.
 */
@CassandraCluster(nodes = 3, replicationFactor = 3)
class WhatAFailureSaysTest {

    @Test
    void aFailedAssertionNamesTheAnomalyItsOpAndTheReport(Faultline faultline) {
        TestRun run = TransfersTest.transfers(faultline, "money-lost", false).seed(24).run(Consistency.QUORUM);

        AssertionError failure = catchThrowableOfType(() -> assertThat(run).hasNoAnomalies(), AssertionError.class);
        assertThat(failure.getMessage()).startsWith("expected no anomaly at QUORUM, but ").contains(" by op #")
                .endsWith("see " + run.report().toAbsolutePath());
        assertThat(run.only().check("linearizability").orElseThrow().validity()).isNotEqualTo(Validity.VALID);
        // the driver's own view of the kill, beside the history
        assertThat(run.folder().resolve("QUORUM").resolve("driver.log")).content().contains("down").contains("up");
    }
}
