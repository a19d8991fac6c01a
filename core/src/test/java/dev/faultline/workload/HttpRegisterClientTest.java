package dev.faultline.workload;

import dev.faultline.printerfacts.PrinterfactsServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness and the app are separate modules; the one header they share must be spelled alike. */
class HttpRegisterClientTest {

    @Test
    void sendsTheConsistencyLevelInTheHeaderPrinterfactsReads() {
        assertThat(HttpRegisterClient.CONSISTENCY_HEADER).isEqualTo(PrinterfactsServer.CONSISTENCY_HEADER);
    }
}
