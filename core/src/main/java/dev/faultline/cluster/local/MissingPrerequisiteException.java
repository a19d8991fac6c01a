package dev.faultline.cluster.local;

/** The machine lacks something the local backend needs; the message says what and how to get it. */
public final class MissingPrerequisiteException extends RuntimeException {

    static final String HOW_TO_FIX = "run `bash scripts/install-prerequisites.sh`";

    public MissingPrerequisiteException(String missing) {
        super("the local cluster cannot start: " + missing + "; " + HOW_TO_FIX);
    }

    private MissingPrerequisiteException(String message, Void whole) {
        super(message);
    }

    /**
     * For a user who is neither root nor allowed sudo without a password: what is needed and what to run, in one line.
     * {@code ./faultline} prints the same line before it builds anything.
     */
    public static MissingPrerequisiteException withoutRoot(String user) {
        return new MissingPrerequisiteException("the local cluster needs root's network privileges (namespaces, iptables),"
                + " and " + user + " has neither them nor passwordless sudo: run as root, or allow sudo once, as root:"
                + " echo '" + user + " ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/faultline", null);
    }
}
