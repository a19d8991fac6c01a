package dev.faultline.checker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a string is one of some starts followed by any number of suffixes from a set, each usable
 * again: a trie of the suffixes, walked from every position the string can be made up to.
 */
final class SuffixChain {

    private static final class Node {
        final Map<Character, Node> next = new HashMap<>(4);
        boolean ends;
    }

    private final Node root = new Node();

    void add(String suffix) {
        Node node = root;
        for (int i = 0; i < suffix.length(); i++) {
            node = node.next.computeIfAbsent(suffix.charAt(i), c -> new Node());
        }
        node.ends = true;
    }

    boolean makes(String target, List<String> starts) {
        boolean[] madeUpTo = new boolean[target.length() + 1];
        for (String start : starts) {
            if (target.startsWith(start)) {
                madeUpTo[start.length()] = true;
            }
        }
        for (int from = 0; from < target.length(); from++) {
            if (!madeUpTo[from]) {
                continue;
            }
            Node node = root;
            for (int i = from; i < target.length() && node != null; i++) {
                node = node.next.get(target.charAt(i));
                if (node != null && node.ends) {
                    madeUpTo[i + 1] = true;
                }
            }
        }
        return madeUpTo[target.length()];
    }
}
