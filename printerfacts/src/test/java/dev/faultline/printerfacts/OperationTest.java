package dev.faultline.printerfacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import org.junit.jupiter.api.Test;

class OperationTest {

    @Test
    void levelsParseWhateverTheirCaseAndBlanks() {
        assertThat(Operation.READ.parseLevel(" one ", "h")).isEqualTo(DefaultConsistencyLevel.ONE);
        assertThat(Operation.WRITE.parseLevel("Local_Quorum", "h")).isEqualTo(DefaultConsistencyLevel.LOCAL_QUORUM);
        assertThat(Operation.READ.parseLevel("SERIAL", "h")).isEqualTo(DefaultConsistencyLevel.SERIAL);
        assertThat(Operation.WRITE.parseLevel("any", "h")).isEqualTo(DefaultConsistencyLevel.ANY);
    }

    @Test
    void aLevelTheOperationCannotUseIsRejectedNamingTheAllowedOnes() {
        assertThatThrownBy(() -> Operation.READ.parseLevel("ANY", "X-Consistency-Level"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("X-Consistency-Level 'ANY' is not a consistency level for reads; allowed: "
                        + "ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM, SERIAL, LOCAL_SERIAL");
        assertThatThrownBy(() -> Operation.WRITE.parseLevel("LOCAL_SERIAL", "--write-consistency"))
                .hasMessageContaining("for writes; allowed: ANY, ONE,");
        assertThatThrownBy(() -> Operation.WRITE.parseLevel("", "h")).hasMessageContaining("h '' is not");
        assertThatThrownBy(() -> Operation.READ.parseLevel("QUORUMS", "h")).hasMessageContaining("'QUORUMS'");
    }
}
