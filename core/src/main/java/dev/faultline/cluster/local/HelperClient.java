package dev.faultline.cluster.local;

import dev.faultline.cluster.local.PrivilegedHelper.Op;
import dev.faultline.cluster.local.PrivilegedHelper.Reply;
import dev.faultline.cluster.local.PrivilegedHelper.Request;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A harness that is not root asks its {@link PrivilegedHelper}, started once through {@code sudo -n} and spoken to over
 * the helper's stdin and stdout, which only this JVM holds. When this JVM dies, however it dies, the helper reads the
 * end of its stdin, removes the runs it still watches and exits.
 */
final class HelperClient implements Privileged {

    private final Process helper;
    /** Until the helper says it runs, its stderr is sudo's (or its refusal): the user hears the one line instead. */
    private volatile boolean running;
    private final PrintStream requests;
    private final BufferedReader replies;

    private HelperClient(Process helper) {
        this.helper = helper;
        this.requests = new PrintStream(helper.getOutputStream(), true, StandardCharsets.UTF_8);
        this.replies = new BufferedReader(new InputStreamReader(helper.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * The helper in a session of its own ({@code setsid}: no terminal for sudo to ask on, and a kill of this JVM's
     * process group leaves it to clean up), on this JVM's Java and only the classes it needs.
     */
    static HelperClient start() {
        return start(List.of("setsid", "sudo", "-n", "--"));
    }

    /** The helper, started by {@code elevation} (a test gives a root harness's helper another user to serve). */
    static HelperClient start(List<String> elevation) {
        List<String> command = new ArrayList<>(elevation);
        command.addAll(List.of(Watchdog.java(),
                "-Xmx32m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(RunState.directoryProperty());
        command.addAll(List.of("-cp", Watchdog.classPath(), PrivilegedHelper.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
        String user = System.getProperty("user.name");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw MissingPrerequisiteException.withoutRoot(user);
        }
        HelperClient client = new HelperClient(process);
        Thread errors = new Thread(client::forwardErrors, "faultline-helper-stderr");
        errors.setDaemon(true);
        errors.start();
        try {
            client.reply();
        } catch (IllegalStateException e) {
            throw MissingPrerequisiteException.withoutRoot(user);
        }
        client.running = true;
        return client;
    }

    /** What the helper says on stderr once it runs. */
    private void forwardErrors() {
        try (BufferedReader errors = helper.errorReader(StandardCharsets.UTF_8)) {
            for (String line = errors.readLine(); line != null; line = errors.readLine()) {
                if (running) {
                    System.err.println(line);
                }
            }
        } catch (IOException gone) {
            // the helper exited
        }
    }

    private synchronized Reply ask(Request request) {
        try {
            requests.println(PrivilegedHelper.JSON.writeValueAsString(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Reply reply = reply();
        if (reply.error() != null) {
            throw new IllegalStateException("the privileged helper refused " + request.op() + ": " + reply.error());
        }
        return reply;
    }

    private Reply reply() {
        try {
            String line = replies.readLine();
            if (line == null) {
                throw new IllegalStateException("the privileged helper exited (" + helper.pid() + ")");
            }
            return PrivilegedHelper.JSON.readValue(line, Reply.class);
        } catch (IOException e) {
            throw new IllegalStateException("the privileged helper cannot be reached: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Cleaner.Removed> cleanDeadRuns() {
        return ask(Request.of(Op.CLEAN_DEAD, null)).removed();
    }

    @Override
    public Cleaner.Removed clean(String runId) {
        return ask(Request.of(Op.CLEAN, runId)).removed().get(0);
    }

    @Override
    public void createBridge(RunNames names) {
        ask(Request.of(Op.BRIDGE, names, null));
    }

    @Override
    public void createNode(RunNames names, String node) {
        ask(Request.of(Op.NODE, names, node));
    }

    @Override
    public void block(RunNames names, String node, Collection<String> addresses, Collection<String> inboundOnly) {
        ask(new Request(Op.BLOCK, names.runId(), names.subnet(), node, List.copyOf(addresses), List.copyOf(inboundOnly),
                null, null, null, 0, 0));
    }

    @Override
    public void shape(RunNames names, String node, int kbitPerSecond) {
        ask(new Request(Op.SHAPE, names.runId(), names.subnet(), node, null, null, null, null, null, 0, kbitPerSecond));
    }

    /** The log is created here, so it is this user's; the process inherits this JVM's environment, as a child would. */
    @Override
    public LaunchedProcess launch(RunNames names, String node, String processName, List<String> command,
                                  Map<String, String> env, Path logFile) {
        Path log = logFile.toAbsolutePath();
        AsRoot.createParent(log);
        try {
            if (!Files.exists(log, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(env);
        long pid = ask(new Request(Op.LAUNCH, names.runId(), names.subnet(), node, null, null, List.copyOf(command),
                environment, log.toString(), 0, 0)).pid();
        return LaunchedProcess.adopted(processName, pid, () -> ask(new Request(Op.EXIT_CODE, names.runId(), 0, null,
                null, null, null, null, null, pid, 0)).exitCode());
    }

    @Override
    public Watch watch(String runId) {
        ask(Request.of(Op.WATCH, runId));
        return () -> ask(Request.of(Op.DISMISS, runId));
    }
}
