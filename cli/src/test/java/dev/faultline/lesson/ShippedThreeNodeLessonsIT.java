package dev.faultline.lesson;

import dev.faultline.cluster.local.LocalCluster;
import dev.faultline.junit.CassandraCluster;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped lessons of three nodes ({@link ShippedLessons}), on the shared three-node cluster. */
@CassandraCluster(nodes = 3, replicationFactor = 2)
class ShippedThreeNodeLessonsIT {

    LocalCluster cluster;

    @TestFactory
    Stream<DynamicTest> everyThreeNodeLessonGivesItsAnswer() {
        List<DynamicTest> lessons = ShippedLessons.on(cluster).toList();
        assertThat(lessons).as("retried-counter-add at least").isNotEmpty();
        return lessons.stream();
    }
}
