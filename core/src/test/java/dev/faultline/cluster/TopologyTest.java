package dev.faultline.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopologyTest {

    @Test
    void defaultsAreThreeNodesAtReplicationFactorTwo() {
        assertThat(Topology.defaults()).isEqualTo(new Topology(3, 2));
    }

    @Test
    void rejectsFewerThanOneNode() {
        assertThatThrownBy(() -> new Topology(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nodes must be at least 1, got 0");
    }

    @Test
    void rejectsReplicationFactorAboveNodes() {
        assertThatThrownBy(() -> new Topology(2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("replicationFactor must be between 1 and nodes (2), got 3");
    }

    @Test
    void rejectsReplicationFactorBelowOne() {
        assertThatThrownBy(() -> new Topology(3, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsReplicationFactorEqualToNodes() {
        assertThat(new Topology(1, 1).replicationFactor()).isEqualTo(1);
    }

    @Test
    void aTopologyRunsThePinnedReleaseUnlessToldAnother() {
        assertThat(Topology.defaults().cassandraVersion()).isEqualTo("5.0.6");
        assertThat(new Topology(2, 2).withCassandraVersion("4.1.10")).isEqualTo(new Topology(2, 2, "4.1.10"));
        assertThatThrownBy(() -> new Topology(2, 2, "latest"))
                .hasMessage("Cassandra version 'latest' is not a version number; allowed: a released version such as 5.0.6 or 4.1.10");
    }
}
