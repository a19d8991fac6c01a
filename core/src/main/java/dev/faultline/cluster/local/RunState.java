package dev.faultline.cluster.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a running cluster tells other processes about itself ({@code cluster status}, {@code down},
 * {@code clean}): one JSON file per run in the state directory, rewritten on every change.
 */
public record RunState(String runId, long ownerPid, int subnet, String runDirectory, boolean keepData, List<NodeEntry> nodes) {

    static final String DIRECTORY_PROPERTY = "faultline.state.dir";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public record NodeEntry(String name, String address, String namespace, long pid, String state) {
    }

    /**
     * {@code /run/faultline} (tmpfs: gone at reboot, like the namespaces; the privileged helper makes it writable for
     * every user's runs), or -D{@value #DIRECTORY_PROPERTY}.
     */
    static Path directory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path run = Path.of("/run");
        Path shared = run.resolve("faultline");
        return Files.isDirectory(shared) || Files.isWritable(run) ? shared
                : Path.of(System.getProperty("java.io.tmpdir"), "faultline");
    }

    /** The -D that gives another JVM this one's state directory, if one was given to this one. */
    static List<String> directoryProperty() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        return configured == null || configured.isBlank() ? List.of() : List.of("-D" + DIRECTORY_PROPERTY + "=" + configured);
    }

    static Path file(String runId) {
        return directory().resolve(runId + ".json");
    }

    /** The nodes' folders ({@code <run>/nodes/<node>}), whose data a dead run's cleanup removes unless kept. */
    List<Path> nodeDirectories() {
        return nodes.stream().map(n -> Path.of(runDirectory, "nodes", n.name())).toList();
    }

    /** True while the process that owns the cluster is alive. */
    public boolean ownerAlive() {
        return ProcessHandle.of(ownerPid).map(ProcessHandle::isAlive).orElse(false);
    }

    void write() {
        try {
            Files.createDirectories(directory());
            Path tmp = directory().resolve(runId + ".json.tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file(runId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run state of " + runId, e);
        }
    }

    static void delete(String runId) {
        try {
            Files.deleteIfExists(file(runId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<RunState> read(String runId) {
        Path file = file(runId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RunState.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Every run with a state file, readable or not (by id). */
    public static List<RunState> all() {
        List<RunState> states = new ArrayList<>();
        if (!Files.isDirectory(directory())) {
            return states;
        }
        try (Stream<Path> files = Files.list(directory())) {
            files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - ".json".length()))
                    .forEach(id -> read(id).ifPresent(states::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return states;
    }
}
