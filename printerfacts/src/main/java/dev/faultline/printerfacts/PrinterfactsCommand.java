package dev.faultline.printerfacts;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import io.javalin.util.JavalinBindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code printerfacts serve|migrate}: the app the harness's clients talk to, as its own program (the replicas the
 * local backend launches, the Kubernetes image) and as {@code faultline printerfacts}.
 */
@Command(
        name = "printerfacts",
        description = "The printerfacts REST app over Cassandra: serve it, or create and seed its schema.",
        mixinStandardHelpOptions = true,
        subcommands = {PrinterfactsCommand.Serve.class, PrinterfactsCommand.Migrate.class})
public final class PrinterfactsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new PrinterfactsCommand()).execute(args));
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve the printerfacts HTTP API until stopped (SIGTERM).")
    static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CassandraOptions cassandra;

        @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        String bind;

        @Option(names = "--node-name", defaultValue = "${env:NODE_NAME}",
                description = "Name of the machine this replica runs on (default: $NODE_NAME, else the host name).")
        String nodeName;

        @Option(names = "--replica-name", defaultValue = "${env:HOSTNAME}",
                description = "Name of this replica (default: $HOSTNAME, which is the pod name on Kubernetes).")
        String replicaName;

        @Option(names = "--enable-crashme", description = "Let GET /crashme kill the process (off by default).")
        boolean crashme;

        @Option(names = "--read-consistency", defaultValue = "${env:PRINTERFACTS_READ_CL:-ONE}",
                description = "Default read consistency level (default: $PRINTERFACTS_READ_CL, else ONE).")
        String readLevel;

        @Option(names = "--write-consistency", defaultValue = "${env:PRINTERFACTS_WRITE_CL:-LOCAL_QUORUM}",
                description = "Default write consistency level (default: $PRINTERFACTS_WRITE_CL, else LOCAL_QUORUM).")
        String writeLevel;

        @Override
        public Integer call() throws InterruptedException {
            if (port < 0 || port > 65_535) {
                throw new ParameterException(spec.commandLine(), "--port " + port + " is not allowed; allowed: 0-65535");
            }
            ServerSettings settings = new ServerSettings(bind, port, nameOr(nodeName), nameOr(replicaName), crashme,
                    level(Operation.READ, readLevel, "--read-consistency"),
                    level(Operation.WRITE, writeLevel, "--write-consistency"),
                    ServerSettings.DEFAULT_MAX_BODY_BYTES);
            CassandraConnection connection = CassandraConnection.start(cassandra.contactPoints(), cassandra.datacenter());
            PrinterfactsServer server;
            try {
                server = PrinterfactsServer.start(settings, connection);
            } catch (JavalinBindException e) {
                connection.close();
                throw new ParameterException(spec.commandLine(), "cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            }
            spec.commandLine().getOut().printf("printerfacts %s on %s listening on http://%s:%d (reads %s, writes %s)%n",
                    settings.replicaName(), settings.nodeName(), bind, server.port(),
                    settings.readLevel(), settings.writeLevel());
            spec.commandLine().getOut().flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                connection.close();
                stopped.countDown();
            }, "printerfacts-shutdown"));
            stopped.await();
            return 0;
        }

        private ConsistencyLevel level(Operation operation, String text, String option) {
            try {
                return operation.parseLevel(text, option);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        private static String nameOr(String name) {
            if (name != null && !name.isBlank()) {
                return name;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "unknown";
            }
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Create keyspace pfacts and table facts, and write the seed facts. Safe to re-run.")
    static final class Migrate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CassandraOptions cassandra;

        @Option(names = "--replication-factor", defaultValue = "2",
                description = "Replicas per key in the data centre (default: ${DEFAULT-VALUE}).")
        int replicationFactor;

        @Override
        public Integer call() {
            if (replicationFactor < 1) {
                throw new ParameterException(spec.commandLine(),
                        "--replication-factor " + replicationFactor + " is not allowed; it must be at least 1");
            }
            try (CqlSession session = CassandraSessions.open(cassandra.contactPoints(), cassandra.datacenter())) {
                Migrations.Outcome outcome = Migrations.run(session, cassandra.datacenter(), replicationFactor);
                outcome.steps().forEach(step -> spec.commandLine().getOut().println("migrate: " + step));
                outcome.warnings().forEach(w -> spec.commandLine().getErr().println("migrate: warning: " + w));
                return 0;
            } catch (DriverException e) {
                // Not bad input: Cassandra is not there yet. A Kubernetes Job retries on a non-zero exit.
                spec.commandLine().getErr().println("migrate: failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                return 1;
            }
        }
    }
}
