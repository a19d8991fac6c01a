package dev.faultline;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** README's code is code that compiles and runs: the JUnit example is the consumer project's test, imports included. */
class ReadmeTest {

    @Test
    void theJUnitExampleIsTheConsumerProjectsTestVerbatim() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String test = Files.readString(Path.of("examples/consumer/src/test/java/com/example/consistency/StaleReadTest.java"));
        assertThat(readme).contains("```java\n" + test + "```");
    }
}
