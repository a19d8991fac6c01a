package dev.faultline.cluster.k8s;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one node's gossip says of the others, from {@code nodetool status}: the addresses it sees Up and Normal. */
final class NodetoolStatus {

    private static final Pattern LINE = Pattern.compile("^([UD][NLJM])\\s+(\\S+)\\s.*");

    private NodetoolStatus() {
    }

    static Set<String> upAndNormal(String output) {
        Set<String> up = new TreeSet<>();
        for (String line : output.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches() && m.group(1).equals("UN")) {
                up.add(m.group(2));
            }
        }
        return up;
    }
}
