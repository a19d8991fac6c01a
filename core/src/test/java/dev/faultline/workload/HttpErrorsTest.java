package dev.faultline.workload;

import dev.faultline.history.OpType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class HttpErrorsTest {

    @Test
    void aRefusalIsAFailAndAnAnswerThatMayHaveWrittenLeavesAChangeIndeterminate() {
        assertThat(HttpErrors.outcome(201, true, 5L, null)).isEqualTo(Outcome.ok(5L));
        assertThat(HttpErrors.outcome(503, true, 5L, "unavailable")).isEqualTo(Outcome.fail(5L, "HTTP 503 unavailable"));
        assertThat(HttpErrors.outcome(409, true, 5L, "")).isEqualTo(Outcome.fail(5L, "HTTP 409"));
        assertThat(HttpErrors.outcome(504, true, 5L, "write_timeout")).isEqualTo(Outcome.info(5L, "HTTP 504 write_timeout"));
        assertThat(HttpErrors.outcome(500, true, 5L, null).type()).isEqualTo(OpType.INFO);
        assertThat(HttpErrors.outcome(504, false, null, "read_timeout").type()).isEqualTo(OpType.FAIL);
    }

    @Test
    void aConnectionNeverMadeSentNothingWhileATimeoutMayHaveWritten() {
        assertThat(HttpErrors.outcome(new ConnectException("refused"), true, 5L))
                .isEqualTo(Outcome.fail(5L, "HTTP ConnectException"));
        assertThat(HttpErrors.outcome(new HttpTimeoutException("timed out"), true, 5L))
                .isEqualTo(Outcome.info(5L, "HTTP HttpTimeoutException"));
        assertThat(HttpErrors.outcome(new IOException("reset"), false, null).type()).isEqualTo(OpType.FAIL);
    }
}
