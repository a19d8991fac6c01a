package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The short version of {@code faultline bench faults} on a real local cluster: through a kill, a restart, a partition
 * and a heal, no write acknowledged at QUORUM is lost when read back at ALL.
 */
class BenchFaultsIT {

    @Test
    void noWriteAcknowledgedAtQuorumIsLostThroughAKillAndAPartition() {
        StringWriter out = new StringWriter();
        CommandLine cli = Faultline.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("bench", "faults", "--rate", "20", "--phase", "5s");
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).containsPattern("\\n[1-9]\\d* writes acknowledged at QUORUM")
                .contains("at ALL: 0 lost, 0 stale")
                .contains("n2 killed", "n2 restarted", "n3 partitioned", "healed");
    }
}
