package dev.faultline.nemesis;

import dev.faultline.cluster.Link;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The shapes of network partition Jepsen made standard, as the links each one cuts. Random
 * shapes take a seeded {@link Random}, so a run can be replayed.
 */
public final class Partitions {

    private Partitions() {
    }

    /** Nodes in different groups cannot talk, in either direction; nodes in no group are untouched. */
    public static Set<Link> between(Collection<? extends Collection<String>> groups) {
        Set<Link> cut = new LinkedHashSet<>();
        List<? extends Collection<String>> all = List.copyOf(groups);
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                for (String a : all.get(i)) {
                    for (String b : all.get(j)) {
                        cut.add(new Link(a, b));
                        cut.add(new Link(b, a));
                    }
                }
            }
        }
        return cut;
    }

    /** Whatever a node of {@code from} sends a node of {@code to} is lost; {@code to}'s messages still arrive. */
    public static Set<Link> oneWay(Collection<String> from, Collection<String> to) {
        Set<Link> cut = new LinkedHashSet<>();
        for (String a : from) {
            for (String b : to) {
                cut.add(new Link(a, b));
            }
        }
        return cut;
    }

    /** {@code node} alone, the others together. */
    public static Set<Link> isolate(List<String> nodes, String node) {
        requireMember(nodes, node);
        return between(List.of(List.of(node), without(nodes, node)));
    }

    /** Two random halves (the smaller one first when the count is odd). */
    public static Set<Link> halves(List<String> nodes, Random random) {
        List<String> shuffled = shuffled(nodes, random);
        int half = shuffled.size() / 2;
        return between(List.of(shuffled.subList(0, half), shuffled.subList(half, shuffled.size())));
    }

    /** Two halves that cannot see each other, and one bridge node that sees both. */
    public static Set<Link> bridge(List<String> nodes, Random random) {
        if (nodes.size() < 3) {
            throw new IllegalArgumentException("a bridge needs at least 3 nodes, got " + nodes.size());
        }
        List<String> shuffled = shuffled(nodes, random);
        List<String> rest = shuffled.subList(1, shuffled.size());
        int half = rest.size() / 2;
        return between(List.of(rest.subList(0, half), rest.subList(half, rest.size())));
    }

    /**
     * Every node hears from a majority (itself included), and no two nodes hear from the same
     * majority: the nodes stand in a random ring and each keeps only its nearest neighbours. With
     * three nodes a symmetric ring would keep every link, so each node then hears only from the
     * node before it in the ring, a one-way cut.
     */
    public static Set<Link> majoritiesRing(List<String> nodes, Random random) {
        int n = nodes.size();
        if (n < 3) {
            throw new IllegalArgumentException("a majorities ring needs at least 3 nodes, got " + n);
        }
        List<String> ring = shuffled(nodes, random);
        Set<Link> cut = new LinkedHashSet<>();
        if (n == 3) {
            for (int i = 0; i < n; i++) {
                // node i hears from i-1 only: drop what i+1 sends to it
                cut.add(new Link(ring.get((i + 1) % n), ring.get(i)));
            }
            return cut;
        }
        int majority = n / 2 + 1;
        int reach = majority / 2; // neighbours kept on each side: 1 + 2 * reach >= majority
        if (1 + 2 * reach < majority) {
            reach++;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int distance = Math.min(Math.abs(i - j), n - Math.abs(i - j));
                if (distance > reach) {
                    cut.add(new Link(ring.get(i), ring.get(j)));
                }
            }
        }
        return cut;
    }

    private static List<String> shuffled(List<String> nodes, Random random) {
        List<String> copy = new ArrayList<>(nodes);
        Collections.sort(copy); // the same seed gives the same shape whatever order the nodes came in
        Collections.shuffle(copy, random);
        return copy;
    }

    private static List<String> without(List<String> nodes, String node) {
        return nodes.stream().filter(n -> !n.equals(node)).toList();
    }

    private static void requireMember(List<String> nodes, String node) {
        if (!nodes.contains(node)) {
            throw new IllegalArgumentException("'" + node + "' is not a node; allowed: " + String.join(", ", nodes));
        }
    }
}
