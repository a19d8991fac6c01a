package dev.faultline.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunNamesTest {

    private final RunNames names = new RunNames("ab12cd", 7);

    @Test
    void everythingIsNamedAfterTheRun() {
        assertThat(names.bridge()).isEqualTo("flbab12cd");
        assertThat(names.veth("n1")).isEqualTo("flvab12cdn1");
        assertThat(names.namespace("n2")).isEqualTo("faultline-ab12cd-n2");
        assertThat(names.gateway()).isEqualTo("10.77.7.1");
        assertThat(names.address(3)).isEqualTo("10.77.7.13");
        assertThat(names.runTag()).isEqualTo("-Dfaultline.run=ab12cd");
    }

    @Test
    void interfaceNamesFitLinuxLimitForTheLargestCluster() {
        assertThat(names.veth(RunNames.nodeName(RunNames.MAX_NODES))).hasSizeLessThanOrEqualTo(15);
        assertThat(names.bridge()).hasSizeLessThanOrEqualTo(15);
    }

    @Test
    void newRunIdsAreValidAndDiffer() {
        String a = RunNames.newRunId();
        assertThat(new RunNames(a, 1).runId()).isEqualTo(a);
        assertThat(RunNames.newRunId()).isNotEqualTo(a);
    }

    @Test
    void cleanerRecognisesOnlyOurNames() {
        assertThat(RunNames.runOfNamespace("faultline-ab12cd-n3")).contains("ab12cd");
        assertThat(RunNames.runOfNamespace("faultline-other")).isEmpty();
        assertThat(RunNames.runOfNamespace("cni-1234")).isEmpty();
        assertThat(RunNames.runOfInterface("flbab12cd")).contains("ab12cd");
        assertThat(RunNames.runOfInterface("flvab12cdn12")).contains("ab12cd");
        assertThat(RunNames.runOfInterface("flannel.1")).isEmpty();
        assertThat(RunNames.runOfInterface("eth0")).isEmpty();
    }

    @Test
    void rejectsMalformedRunIdsAndSubnets() {
        assertThatThrownBy(() -> new RunNames("AB12CD", 1)).hasMessageContaining("run id must be 6 lowercase");
        assertThatThrownBy(() -> new RunNames("ab12cd", 255)).hasMessageContaining("subnet must be 1..254");
    }

    /** What the privileged helper accepts as a node and as an address to block. */
    @Test
    void nodesAreN1ToN99AndAddressesThoseOfTheRunsSubnet() {
        assertThat(RunNames.nodeIndex("n1")).isEqualTo(1);
        assertThat(RunNames.nodeIndex("n99")).isEqualTo(99);
        for (String bad : new String[] {"n0", "n100", "n01", "n1 ", "n1;reboot", "../n1", ""}) {
            assertThatThrownBy(() -> RunNames.nodeIndex(bad)).as(bad).hasMessageContaining("node must be n1 to n99");
        }
        RunNames names = new RunNames("ab12cd", 7);
        assertThat(names.ownsAddress("10.77.7.1")).isTrue();
        assertThat(names.ownsAddress("10.77.7.254")).isTrue();
        for (String bad : new String[] {"10.77.8.1", "10.77.7.0", "10.77.7.255", "10.77.7.011", "10.77.70.1", "0.0.0.0/0",
                "10.77.7.1/24", "10.77.7.1 -j ACCEPT"}) {
            assertThat(names.ownsAddress(bad)).as(bad).isFalse();
        }
        assertThatThrownBy(() -> RunNames.requireRunId("ab12c;")).hasMessageContaining("run id must be 6 lowercase");
    }
}
