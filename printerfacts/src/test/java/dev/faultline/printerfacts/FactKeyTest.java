package dev.faultline.printerfacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FactKeyTest {

    @Test
    void aTimeuuidIsAKeyInEitherCase() {
        UUID key = Uuids.timeBased();
        assertThat(FactKey.parse(key.toString())).isEqualTo(key);
        assertThat(FactKey.parse(key.toString().toUpperCase())).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "keys2", "1-1-1-1-1", "5903dd80-758b-404e-914b-f0b7e3852e21", "a74994c0-2c29-11ea-8080-80808080808"})
    void anythingElseIsAMalformedKey(String text) {
        ApiError.Failure failure = catchThrowableOfType(ApiError.Failure.class, () -> FactKey.parse(text));
        assertThat(failure).as(text).isNotNull();
        assertThat(failure.error().status()).isEqualTo(400);
        assertThat(failure.error().error()).isEqualTo("malformed_key");
    }
}
