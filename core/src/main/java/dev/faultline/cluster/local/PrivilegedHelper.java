package dev.faultline.cluster.local;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The one process that holds root for a harness that is not root: started by {@link HelperClient} through
 * {@code sudo -n}, it reads one JSON request a line on stdin and answers one JSON line on stdout, and can do only
 * what {@link Op} names, each checked before it runs:
 * <ul>
 *   <li>{@code WATCH run}: adopts a new run id (none of its namespaces or interfaces may exist yet); the other run
 *   operations act on adopted runs only;</li>
 *   <li>{@code BRIDGE}, {@code NODE}, {@code BLOCK}, {@code SHAPE}: the run's bridge, a node's namespace and veth, the
 *   node's filter table, the rate its eth0 sends at, with node names {@code n1}…{@code n99} and blocked addresses
 *   inside the run's own subnet;</li>
 *   <li>{@code LAUNCH}: a command inside a node's namespace, run as the user who ran sudo ({@code setpriv}, no shell,
 *   the environment given by the harness applied after the switch), its output appended to a regular file that user
 *   owns;</li>
 *   <li>{@code EXIT_CODE}: how a process it launched exited;</li>
 *   <li>{@code CLEAN} (an adopted run, or one whose owner is dead or the user's), {@code CLEAN_DEAD} (runs whose owner is
 *   dead) and {@code DISMISS} (forget an adopted run the harness removed).</li>
 * </ul>
 * When its stdin closes, the harness is gone, however it died: it removes every run still adopted, as the
 * {@link Watchdog} does for a root harness, and exits; the processes it launched die with it.
 */
public final class PrivilegedHelper {

    /** The only things a harness may ask. */
    enum Op { WATCH, BRIDGE, NODE, BLOCK, SHAPE, LAUNCH, EXIT_CODE, CLEAN, CLEAN_DEAD, DISMISS }

    /** One line from the harness; the fields an operation does not use are null or 0. */
    record Request(Op op, String run, int subnet, String node, List<String> addresses, List<String> inboundOnly,
                   List<String> command, Map<String, String> env, String log, long pid, int kbit) {

        static Request of(Op op, String run) {
            return new Request(op, run, 0, null, null, null, null, null, null, 0, 0);
        }

        static Request of(Op op, RunNames names, String node) {
            return new Request(op, names.runId(), names.subnet(), node, null, null, null, null, null, 0, 0);
        }
    }

    /** One line back: an error, or what the operation returns. */
    record Reply(String error, long pid, int exitCode, List<Cleaner.Removed> removed) {

        static final Reply OK = new Reply(null, 0, 0, List.of());

        static Reply failed(String error) {
            return new Reply(error, 0, 0, List.of());
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final int uid;
    private final int gid;
    private final Set<String> adopted = new HashSet<>();
    private final Map<String, RunNames> networks = new HashMap<>();
    private final Map<Long, Process> launched = new HashMap<>();

    private PrivilegedHelper(int uid, int gid) {
        this.uid = uid;
        this.gid = gid;
    }

    /** Runs as root, serving the user sudo names ({@code SUDO_UID}, {@code SUDO_GID}) until stdin closes. */
    public static void main(String[] args) throws IOException {
        PrintStream replies = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if ((Prerequisites.capabilities() & Privileged.CAP_NET_ADMIN) == 0) {
            System.err.println("faultline helper: not root (CAP_NET_ADMIN); it is started through sudo");
            System.exit(1);
        }
        PrivilegedHelper helper = new PrivilegedHelper(Integer.parseInt(System.getenv().getOrDefault("SUDO_UID", "0")),
                Integer.parseInt(System.getenv().getOrDefault("SUDO_GID", "0")));
        prepareStateDirectory();
        replies.println(JSON.writeValueAsString(Reply.OK));
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = requests.readLine(); line != null; line = requests.readLine()) {
            Reply reply;
            try {
                reply = helper.handle(JSON.readValue(line, Request.class));
            } catch (IOException | RuntimeException e) {
                reply = Reply.failed(e.getMessage() != null ? e.getMessage() : e.toString());
            }
            replies.println(JSON.writeValueAsString(reply));
        }
        for (String runId : helper.adopted) {
            try {
                Cleaner.removeRun(runId);
            } catch (RuntimeException e) {
                System.err.println("faultline helper: cleaning run " + runId + " failed: " + e.getMessage());
            }
        }
        System.exit(0);
    }

    /**
     * The state directory is shared by every user's runs: sticky and writable by all, like /tmp, so that a user's
     * harness writes its own state file and takes the subnet lock that root's runs take too.
     */
    static void prepareStateDirectory() throws IOException {
        Path directory = RunState.directory();
        Files.createDirectories(directory);
        Commands.run(List.of("chmod", "1777", directory.toString()));
        Path lock = directory.resolve(LocalCluster.SUBNET_LOCK);
        if (!Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(lock);
        }
        if (Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-rw-rw-"));
        }
    }

    private Reply handle(Request request) throws IOException {
        return switch (request.op()) {
            case WATCH -> watch(RunNames.requireRunId(request.run()));
            case BRIDGE -> {
                RunNames names = adoptedNetwork(request);
                networks.put(names.runId(), names);
                new AsRoot().createBridge(names);
                yield Reply.OK;
            }
            case NODE -> {
                new AsRoot().createNode(sameNetwork(request), node(request));
                yield Reply.OK;
            }
            case BLOCK -> block(request);
            case SHAPE -> {
                if (request.kbit() < 0 || request.kbit() > 10_000_000) {
                    throw new IllegalArgumentException("a rate of " + request.kbit() + " kbit/s; allowed: 0 (full speed) to 10000000");
                }
                new AsRoot().shape(sameNetwork(request), node(request), request.kbit());
                yield Reply.OK;
            }
            case LAUNCH -> launch(request);
            case EXIT_CODE -> exitCode(request.pid());
            case CLEAN -> clean(RunNames.requireRunId(request.run()));
            case CLEAN_DEAD -> new Reply(null, 0, 0, Cleaner.removeDeadRuns());
            case DISMISS -> {
                adopted.remove(request.run());
                networks.remove(request.run());
                yield Reply.OK;
            }
        };
    }

    private Reply watch(String runId) {
        boolean exists = Network.namespaces().stream().anyMatch(ns -> RunNames.runOfNamespace(ns).filter(runId::equals).isPresent())
                || Network.interfaces().stream().anyMatch(i -> RunNames.runOfInterface(i).filter(runId::equals).isPresent());
        if (exists) {
            throw new IllegalArgumentException("run " + runId + " exists already; only a new run can be adopted");
        }
        adopted.add(runId);
        return Reply.OK;
    }

    /** The run's names, for a run this helper adopted (and, once its bridge exists, with that bridge's subnet). */
    private RunNames adoptedNetwork(Request request) {
        String runId = RunNames.requireRunId(request.run());
        if (!adopted.contains(runId)) {
            throw new IllegalArgumentException("run " + runId + " was not started through this helper");
        }
        if (networks.containsKey(runId)) {
            throw new IllegalArgumentException("run " + runId + " has its bridge already");
        }
        return new RunNames(runId, request.subnet());
    }

    private RunNames sameNetwork(Request request) {
        RunNames names = networks.get(RunNames.requireRunId(request.run()));
        if (names == null || !adopted.contains(names.runId())) {
            throw new IllegalArgumentException("run " + request.run() + " has no bridge made by this helper");
        }
        return names;
    }

    private static String node(Request request) {
        return RunNames.nodeName(RunNames.nodeIndex(request.node()));
    }

    private Reply block(Request request) {
        RunNames names = sameNetwork(request);
        List<String> addresses = List.copyOf(request.addresses());
        List<String> inboundOnly = List.copyOf(request.inboundOnly());
        for (String address : concat(addresses, inboundOnly)) {
            if (!names.ownsAddress(address)) {
                throw new IllegalArgumentException("address " + address + " is not in run " + names.runId() + "'s subnet");
            }
        }
        new AsRoot().block(names, node(request), addresses, inboundOnly);
        return Reply.OK;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private Reply launch(Request request) throws IOException {
        RunNames names = sameNetwork(request);
        List<String> command = List.copyOf(request.command());
        if (command.isEmpty() || command.get(0).contains("=")) {
            throw new IllegalArgumentException("a command is a program and its arguments, got " + command);
        }
        Path log = Path.of(request.log());
        if (!log.isAbsolute() || !Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)
                || !Integer.valueOf(uid).equals(Files.getAttribute(log, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
            throw new IllegalArgumentException("the log must be an existing regular file of uid " + uid + ", got " + log);
        }
        // the harness's environment applies once the process is the user's: ip and setpriv run with sudo's clean one
        List<String> asUser = new ArrayList<>(List.of("env", "-i"));
        Map<String, String> env = new HashMap<>(request.env());
        env.put(RunNames.RUN_ENV, names.runId());
        env.forEach((name, value) -> {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not an environment variable name: '" + name + "'");
            }
            asUser.add(name + "=" + value);
        });
        asUser.addAll(command);
        List<String> credentials = uid == 0 ? List.of()
                : List.of("--reuid=" + uid, "--regid=" + gid, "--init-groups");
        Process process = Forker.start(AsRoot.inNamespace(names.namespace(node(request)), credentials, asUser, log));
        launched.put(process.pid(), process);
        return new Reply(null, process.pid(), 0, List.of());
    }

    private Reply exitCode(long pid) {
        Process process = launched.get(pid);
        if (process == null) {
            throw new IllegalArgumentException("pid " + pid + " was not launched by this helper");
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("pid " + pid + " is still running");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        launched.remove(pid);
        return new Reply(null, pid, process.exitValue(), List.of());
    }

    /** A run of this helper's, or one whose owner is dead or the user's own process. */
    private Reply clean(String runId) {
        if (!adopted.contains(runId)) {
            RunState.read(runId).filter(RunState::ownerAlive).ifPresent(state -> {
                Object ownerUid;
                try {
                    ownerUid = Files.getAttribute(Path.of("/proc", Long.toString(state.ownerPid())), "unix:uid");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (!Integer.valueOf(uid).equals(ownerUid)) {
                    throw new IllegalArgumentException("run " + runId + " belongs to a living process of another user");
                }
            });
        }
        return new Reply(null, 0, 0, List.of(Cleaner.removeRun(runId)));
    }
}
