package dev.faultline.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

class NetworkTest {

    @Test
    void rulesDropBothDirectionsForEachBlockedAddressTaggedWithTheRun() {
        assertThat(Network.rules("ab12cd", List.of("10.77.7.13", "10.77.7.1"), List.of())).isEqualTo("""
                *filter
                :INPUT ACCEPT [0:0]
                :FORWARD ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                -A INPUT -s 10.77.7.1/32 -m comment --comment faultline-ab12cd -j DROP
                -A OUTPUT -d 10.77.7.1/32 -m comment --comment faultline-ab12cd -j DROP
                -A INPUT -s 10.77.7.13/32 -m comment --comment faultline-ab12cd -j DROP
                -A OUTPUT -d 10.77.7.13/32 -m comment --comment faultline-ab12cd -j DROP
                COMMIT
                """);
    }

    @Test
    void oneWayCutsDropWhatTheSourceSendsButNotItsAnswersToThisNodesInternodeConnections() {
        assertThat(Network.rules("ab12cd", List.of(), List.of("10.77.7.11")))
                .contains("-A INPUT -s 10.77.7.11/32 -p tcp ! --sport 7000 -m comment --comment faultline-ab12cd -j DROP\n"
                        + "-A INPUT -s 10.77.7.11/32 ! -p tcp -m comment --comment faultline-ab12cd -j DROP\n")
                .doesNotContain("-A OUTPUT");
    }

    @Test
    void noBlockedAddressesMeansAnEmptyTable() {
        assertThat(Network.rules("ab12cd", List.of(), List.of())).doesNotContain("-A ");
    }

    @Test
    void picksTheFirstSubnetNoInterfaceUses() {
        assertThat(Network.firstFreeSubnet(List.of())).isEqualTo(1);
        assertThat(Network.firstFreeSubnet(List.of(1, 2, 4))).isEqualTo(3);
        Set<Integer> all = IntStream.rangeClosed(1, 254).boxed().collect(Collectors.toSet());
        assertThatThrownBy(() -> Network.firstFreeSubnet(all)).hasMessageContaining("faultline cluster clean");
    }
}
