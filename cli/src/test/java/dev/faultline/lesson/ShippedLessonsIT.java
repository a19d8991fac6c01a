package dev.faultline.lesson;

import dev.faultline.cluster.local.LocalCluster;
import dev.faultline.junit.CassandraCluster;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped lessons of two nodes ({@link ShippedLessons}), on a cluster of their own; ShippedThreeNodeLessonsIT runs the rest. */
@CassandraCluster(nodes = 2, replicationFactor = 2, fresh = true)
class ShippedLessonsIT {

    LocalCluster cluster;

    @TestFactory
    Stream<DynamicTest> everyTwoNodeLessonGivesItsAnswer() {
        assertThat(ShippedLessons.all()).as("every lesson runs on one of the two clusters of these classes")
                .allSatisfy(l -> assertThat(l.cluster().nodes() + " nodes, RF " + l.cluster().replicationFactor())
                        .isIn("2 nodes, RF 2", "3 nodes, RF 2"))
                .hasSizeGreaterThanOrEqualTo(8);
        return ShippedLessons.on(cluster);
    }
}
