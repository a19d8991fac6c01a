package dev.faultline.cluster.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Removes what runs left behind: processes tagged with the run (in its namespaces, or carrying
 * {@code -Dfaultline.run=<id>} or {@code FAULTLINE_RUN=<id>}), namespaces {@code faultline-<id>-*}, bridges and
 * veths {@code fl[bv]<id>*}, and the state file. It never touches anything without a faultline tag, and never
 * a run whose owner process is still alive.
 */
public final class Cleaner {

    private Cleaner() {
    }

    /** What one cleanup removed, for the user. */
    public record Removed(String runId, int processes, List<String> namespaces, List<String> interfaces, List<Path> data) {
        @Override
        public String toString() {
            return "run " + runId + ": " + processes + " process(es), namespaces " + namespaces + ", interfaces " + interfaces
                    + (data.isEmpty() ? "" : ", node data " + data);
        }
    }

    /** Cleans every run that has leftovers and no living owner, as root or through the privileged helper. */
    public static List<Removed> cleanDeadRuns() {
        Prerequisites.checkForCleanup();
        return Privileged.acquire().cleanDeadRuns();
    }

    /** Removes everything of one run, as root or through the privileged helper (see {@link #removeRun}). */
    public static Removed clean(String runId) {
        Prerequisites.checkForCleanup();
        return Privileged.acquire().clean(runId);
    }

    /** {@link #cleanDeadRuns()}, done by root. */
    static List<Removed> removeDeadRuns() {
        List<Removed> removed = new ArrayList<>();
        for (String runId : runsWithLeftovers()) {
            boolean owned = RunState.read(runId).map(RunState::ownerAlive).orElse(false);
            if (!owned) {
                removed.add(removeRun(runId));
            }
        }
        return removed;
    }

    /** Run ids found on this host: namespaces, interfaces, tagged processes and state files. */
    public static Set<String> runsWithLeftovers() {
        Set<String> runs = new TreeSet<>();
        Network.namespaces().forEach(ns -> RunNames.runOfNamespace(ns).ifPresent(runs::add));
        Network.interfaces().forEach(i -> RunNames.runOfInterface(i).ifPresent(runs::add));
        allPids().forEach(pid -> runOfProcess(pid).ifPresent(runs::add));
        RunState.all().forEach(s -> runs.add(s.runId()));
        return runs;
    }

    /**
     * Removes everything of one run, whatever state it is in, and its nodes' data unless the run kept it (as its
     * state file says; logs and histories stay). Done by root.
     */
    static Removed removeRun(String runId) {
        // whoever wrote the state file may only have the data of its own nodes removed: root runs the cleanup for users
        Optional<Object> stateOwner = owner(RunState.file(runId));
        List<Path> nodeDirectories = RunState.read(runId).filter(s -> !s.keepData()).map(RunState::nodeDirectories)
                .orElse(List.of()).stream().filter(node -> owner(node).equals(stateOwner)).toList();
        List<String> namespaces = Network.namespaces().stream()
                .filter(ns -> RunNames.runOfNamespace(ns).filter(runId::equals).isPresent()).toList();
        Set<Long> pids = new TreeSet<>();
        namespaces.forEach(ns -> pids.addAll(Network.pidsIn(ns)));
        allPids().filter(pid -> runOfProcess(pid).filter(runId::equals).isPresent()).forEach(pids::add);
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(p -> p.onExit().join()));
        namespaces.forEach(Network::deleteNamespace);
        // Deleting a namespace deletes its veth pair; the bridge (and any stray veth) goes explicitly.
        List<String> interfaces = Network.interfaces().stream()
                .filter(i -> RunNames.runOfInterface(i).filter(runId::equals).isPresent()).toList();
        interfaces.forEach(Network::deleteInterface);
        List<Path> data = new ArrayList<>();
        nodeDirectories.forEach(node -> data.addAll(deleteData(node)));
        RunState.delete(runId);
        return new Removed(runId, pids.size(), namespaces, interfaces, data);
    }

    /** Removes a node's data directories, keeping its logs and configuration; returns those it removed. */
    private static List<Path> deleteData(Path nodeDirectory) {
        List<Path> removed = new ArrayList<>();
        for (String dir : CassandraConfig.DATA_DIRECTORIES) {
            Path path = nodeDirectory.resolve(dir);
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> tree = Files.walk(path)) {
                tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            removed.add(path);
        }
        return removed;
    }

    /** The numeric owner of a file or folder itself (never a link's target), empty when it is absent. */
    private static Optional<Object> owner(Path path) {
        try {
            return Optional.of(Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static Stream<Long> allPids() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> pid != ProcessHandle.current().pid())
                    .toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    /** The run a process belongs to, from its exact {@code -Dfaultline.run=} argument or its environment. */
    static Optional<String> runOfProcess(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        Optional<String> fromCommandLine = nulSeparated(proc.resolve("cmdline")).stream()
                .filter(arg -> arg.startsWith("-D" + RunNames.RUN_PROPERTY + "="))
                .map(arg -> arg.substring(arg.indexOf('=') + 1))
                .findFirst();
        if (fromCommandLine.isPresent()) {
            return fromCommandLine;
        }
        return nulSeparated(proc.resolve("environ")).stream()
                .filter(var -> var.startsWith(RunNames.RUN_ENV + "="))
                .map(var -> var.substring(var.indexOf('=') + 1))
                .findFirst();
    }

    private static List<String> nulSeparated(Path file) {
        try {
            return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }
}
