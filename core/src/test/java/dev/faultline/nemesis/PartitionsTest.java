package dev.faultline.nemesis;

import dev.faultline.cluster.Link;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionsTest {

    private static final List<String> THREE = List.of("n1", "n2", "n3");

    @Test
    void isolatingOneNodeCutsItBothWaysFromEveryOther() {
        assertThat(Partitions.isolate(THREE, "n3")).containsExactlyInAnyOrder(
                new Link("n3", "n1"), new Link("n1", "n3"), new Link("n3", "n2"), new Link("n2", "n3"));
        assertThatThrownBy(() -> Partitions.isolate(THREE, "n7"))
                .hasMessage("'n7' is not a node; allowed: n1, n2, n3");
    }

    @Test
    void theSameSeedGivesTheSameShape() {
        assertThat(Partitions.halves(names(5), new Random(3))).isEqualTo(Partitions.halves(names(5), new Random(3)));
    }

    @Property
    void halvesSplitIntoTwoSidesThatCannotTalk(@ForAll @IntRange(min = 2, max = 9) int n, @ForAll long seed) {
        List<String> nodes = names(n);
        Map<String, Set<String>> hears = hearing(nodes, Partitions.halves(nodes, new Random(seed)));
        Set<Set<String>> sides = new HashSet<>(hears.values());
        assertThat(sides).hasSize(2);
        assertThat(sides).allSatisfy(side -> assertThat(side.size()).isBetween(n / 2, n - n / 2));
    }

    @Property
    void aBridgeNodeHearsEveryoneWhileTheHalvesDoNotHearEachOther(@ForAll @IntRange(min = 3, max = 9) int n, @ForAll long seed) {
        List<String> nodes = names(n);
        Map<String, Set<String>> hears = hearing(nodes, Partitions.bridge(nodes, new Random(seed)));
        assertThat(hears.values().stream().filter(h -> h.size() == n)).hasSize(1);
        assertThat(hears.values().stream().filter(h -> h.size() < n)).hasSize(n - 1);
    }

    @Property
    void inAMajoritiesRingEveryNodeHearsADifferentMajority(@ForAll @IntRange(min = 3, max = 9) int n, @ForAll long seed) {
        List<String> nodes = names(n);
        Map<String, Set<String>> hears = hearing(nodes, Partitions.majoritiesRing(nodes, new Random(seed)));
        assertThat(hears.values()).allSatisfy(h -> assertThat(h.size()).isGreaterThan(n / 2).isLessThan(n));
        assertThat(new HashSet<>(hears.values())).hasSize(n);
    }

    /** For each node, the nodes it still receives from, itself included. */
    private static Map<String, Set<String>> hearing(List<String> nodes, Set<Link> cut) {
        return nodes.stream().collect(Collectors.toMap(to -> to, to -> nodes.stream()
                .filter(from -> from.equals(to) || !cut.contains(new Link(from, to)))
                .collect(Collectors.toSet())));
    }

    private static List<String> names(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "n" + i).toList();
    }
}
