package dev.faultline.cluster.local;

/** The machine lacks something the local backend needs; the message says what and how to get it. */
public final class MissingPrerequisiteException extends RuntimeException {

    static final String HOW_TO_FIX = "run `bash scripts/install-prerequisites.sh`, and run as root (./faultline run and cluster elevate themselves through sudo)";

    public MissingPrerequisiteException(String missing) {
        super("the local cluster cannot start: " + missing + "; " + HOW_TO_FIX);
    }
}
