package com.example.consistency;

import dev.faultline.cluster.Cluster;
import dev.faultline.junit.CassandraCluster;
import dev.faultline.lesson.LessonLevel;
import dev.faultline.lesson.LessonParser;
import dev.faultline.lesson.LessonRunner;
import dev.faultline.scenario.Consistency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.faultline.junit.FaultlineAssertions.assertThat;

@CassandraCluster(nodes = 2, replicationFactor = 2)
class StaleReadTest {

    Cluster cluster;

    @Test
    void oneReadsStaleAcrossAPartitionWhereQuorumRefuses(@TempDir Path results) {
        List<LessonLevel> levels = new LessonRunner(cluster, System.out::println)
                .run(LessonParser.shipped("stale-read-at-one"), results);

        assertThat(levels.get(0).result().level()).isEqualTo(Consistency.ONE);
        assertThat(levels.get(0).result()).isNotLinearizable().metItsExpectations();
        assertThat(levels.get(1).result().level()).isEqualTo(Consistency.QUORUM);
        assertThat(levels.get(1).result()).isLinearizable().metItsExpectations();
    }
}
