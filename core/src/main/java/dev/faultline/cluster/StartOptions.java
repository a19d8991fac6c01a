package dev.faultline.cluster;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a run asks of a cluster's start besides its shape: the run folder that holds the nodes' files
 * (logs and, while running, data; backends whose nodes live elsewhere keep them there), and who hears about
 * the long phases of the start.
 */
public record StartOptions(Optional<Path> runDirectory, Consumer<String> progress) {

    /** Node files where the backend puts them by default, progress unheard. */
    public static final StartOptions DEFAULTS = new StartOptions(Optional.empty(), line -> { });

    public StartOptions {
        Objects.requireNonNull(runDirectory, "runDirectory");
        Objects.requireNonNull(progress, "progress");
    }

    /** Node files under {@code runDirectory/nodes/<node>/}. */
    public StartOptions inRunDirectory(Path runDirectory) {
        return new StartOptions(Optional.of(runDirectory), progress);
    }

    public StartOptions reportingTo(Consumer<String> progress) {
        return new StartOptions(runDirectory, progress);
    }
}
