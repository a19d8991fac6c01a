package dev.faultline.scenario;

import dev.faultline.cluster.Capability;
import dev.faultline.cluster.RecordingCluster;
import dev.faultline.lesson.LessonParser;
import dev.faultline.lesson.LessonRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A fault a backend cannot put in place is known from the file alone, and refused before a level begins. */
class CapabilityTest {

    @TempDir
    Path dir;

    private static Scenario scenario(String name) {
        return ScenarioParser.parse(Path.of("test-scenarios", name + ".yaml"));
    }

    @Test
    void aScenarioNeedsPauseWhenAFaultOrARandomKindPausesWhateverTheSeed() {
        assertThat(scenario("pause-node").needs()).containsExactly(Capability.PAUSE);
        assertThat(scenario("random-exploration").needs()).containsExactly(Capability.PAUSE);
        assertThat(scenario("partition-one-vs-quorum").needs()).isEmpty();
        assertThat(scenario("kill-node").needs()).isEmpty();
        assertThat(LessonParser.shipped("stale-read-at-one").needs()).isEmpty();
    }

    @Test
    void theRunnersRefuseWhatTheClusterCannotDoBeforeTouchingIt() {
        RecordingCluster fake = new RecordingCluster("n1", "n2", "n3").capableOf(Set.of());
        assertThatThrownBy(() -> new ScenarioRunner(fake.cluster(), List.of(), line -> { }).run(scenario("pause-node"), dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the 'fake' backend cannot pause a node (freeze its processes, as SIGSTOP does), "
                        + "which scenario pause-node needs");
        assertThat(fake.calls()).isEmpty();
        assertThat(dir).isEmptyDirectory();

        String yaml = "name: p\nquestion: q\nanswer: a\nlevels: [ONE]\nsteps:\n  - pause: n2\n  - heal: pause\n";
        var lesson = LessonParser.parse(Path.of("p.yaml"), yaml);
        assertThat(lesson.needs()).containsExactly(Capability.PAUSE);
        assertThatThrownBy(() -> new LessonRunner(fake.cluster(), line -> { }).run(lesson, dir))
                .hasMessageContaining("cannot pause a node").hasMessageEndingWith("which lesson p needs");
        assertThat(fake.calls()).isEmpty();
    }
}
