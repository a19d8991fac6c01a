package dev.faultline.printerfacts;

import java.util.UUID;

/** One stored fact about printers. */
public record Fact(UUID key, String fact, String kind) {}
