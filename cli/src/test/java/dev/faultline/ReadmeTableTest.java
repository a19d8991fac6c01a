package dev.faultline;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadmeTableTest {

    private static final String HEADER = "| level | ok | fail | info | available outside faults | available inside faults | anomalies | linearizable | expectations |";

    private static ReadmeTable fresh(String one, String quorum) {
        return ReadmeTable.parse(List.of(HEADER, "|---|---:|", one, quorum));
    }

    @Test
    void readmesFirstTableIsReadWithRangesAndBands() throws IOException {
        ReadmeTable readme = ReadmeTable.parse(Files.readAllLines(Path.of("README.md")));

        assertThat(readme.levels()).containsOnlyKeys("ONE", "QUORUM");
        assertThat(readme.levels().get("QUORUM").linearizable()).isEqualTo("yes");
        assertThat(readme.levels().get("QUORUM").anomalies()).isFalse();
        assertThat(readme.levels().get("ONE").anomalies()).isTrue();
    }

    @Test
    void aRunOfTheSameKindAgreesAndEachDifferenceInKindIsNamed() {
        ReadmeTable readme = fresh("| ONE | 5000–6000 | 0 | 0 | 100.0% | 100.0% | 40–90 | no | held |",
                "| QUORUM | 1500–1700 | 300–400 | 30–40 | 92.9–94.8% | 36.9–52.0% | 0 | yes | held |");

        assertThat(readme.disagreements(fresh("| ONE | 5800 | 0 | 0 | 100.0% | 100.0% | 12 | no | held |",
                "| QUORUM | 1600 | 350 | 35 | 91.0% | 55.0% | 0 | yes | held |"))).isEmpty();
        assertThat(readme.disagreements(fresh("| ONE | 5800 | 0 | 0 | 100.0% | 99.0% | 0 | yes | held |",
                "| QUORUM | 1600 | 350 | 35 | 40.0% | 30.0% | 3 | no | NOT MET: linearizable |")))
                .containsExactly("ONE: linearizable yes, README says no", "ONE: anomalies none, README says some",
                        "ONE: available inside faults [MOST], README's range [ALL]",
                        "QUORUM: linearizable no, README says yes", "QUORUM: anomalies found, README says none",
                        "QUORUM: available outside faults [FEW], README's range [MOST]");
    }

    @Test
    void linesWithoutTheTableAreRefused() {
        assertThatThrownBy(() -> ReadmeTable.parse(List.of("no table here"))).hasMessageContaining("no table");
    }
}
