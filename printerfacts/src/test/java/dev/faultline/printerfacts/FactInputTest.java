package dev.faultline.printerfacts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FactInputTest {

    @Test
    void aFactAndAKindAreAccepted() {
        assertThat(FactInput.parse("{\"kind\": \"myth\", \"fact\": \"Printers sense deadlines.\"}".getBytes(UTF_8)))
                .isEqualTo(new FactInput("Printers sense deadlines.", "myth"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "''                                         | 400 | body is empty",
            "'{\"fact\": '                              | 400 | not valid JSON",
            "'{\"fact\": \"a\", \"kind\": \"b\"} []'    | 400 | not valid JSON",
            "'{\"fact\": \"a\", \"fact\": \"b\", \"kind\": \"c\"}' | 400 | Duplicate field 'fact'",
            "'[\"fact\"]'                               | 422 | must be a JSON object",
            "'\"fact\"'                                 | 422 | not string",
            "'{\"kind\": \"b\"}'                        | 422 | field 'fact' is missing",
            "'{\"fact\": null, \"kind\": \"b\"}'        | 422 | field 'fact' is missing",
            "'{\"fact\": \"a\"}'                        | 422 | field 'kind' is missing",
            "'{\"fact\": \"  \", \"kind\": \"b\"}'      | 422 | field 'fact' must not be empty",
            "'{\"fact\": \"a\", \"kind\": 7}'           | 422 | field 'kind' must be a string, not number",
            "'{\"fact\": \"a\", \"kind\": \"b\", \"kinds\": \"c\"}' | 422 | unknown field(s) [kinds]",
    })
    void badBodiesAreRefusedWithTheirStatusAndReason(String body, int status, String reason) {
        ApiError.Failure failure = catchThrowableOfType(ApiError.Failure.class, () -> FactInput.parse(body.getBytes(UTF_8)));
        assertThat(failure).as(body).isNotNull();
        assertThat(failure.error().status()).isEqualTo(status);
        assertThat(failure.error().error()).isEqualTo(status == 400 ? "malformed_json" : "invalid_fact");
        assertThat(failure.error().message()).contains(reason);
    }
}
