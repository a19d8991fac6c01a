package dev.faultline.scenario;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every scenario the project ships must parse, and be named after its file. */
class ShippedScenariosTest {

    @TestFactory
    Stream<DynamicTest> everyShippedScenarioIsValid() throws IOException {
        Path dir = Path.of("test-scenarios");
        assertThat(dir).isDirectory();
        return Files.list(dir)
                .filter(p -> p.toString().endsWith(".yaml"))
                .sorted()
                .map(p -> DynamicTest.dynamicTest(p.toString(), () -> {
                    Scenario s = ScenarioParser.parse(p);
                    assertThat(s.name() + ".yaml").isEqualTo(p.getFileName().toString());
                    assertThat(s.description()).isNotBlank();
                }));
    }
}
