package dev.faultline.cluster;

import java.util.Objects;

/** What {@code from} sends {@code to} is lost; a symmetric cut is two links. */
public record Link(String from, String to) {

    public Link {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("a node cannot be cut from itself: " + from);
        }
    }
}
