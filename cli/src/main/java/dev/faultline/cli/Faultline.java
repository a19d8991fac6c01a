package dev.faultline.cli;

import dev.faultline.cluster.local.LocalReplicas;
import dev.faultline.history.Echo;
import dev.faultline.printerfacts.PrinterfactsCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code faultline} command: each job is a subcommand. */
@Command(
        name = "faultline",
        mixinStandardHelpOptions = true,
        version = "faultline 0.1.0",
        description = "Chaos and consistency harness for Apache Cassandra.",
        subcommands = {CommandLine.HelpCommand.class, CheckCommand.class, BenchCommand.class,
                ClusterCommand.class, PrinterfactsCommand.class, RunCommand.class, ReportCommand.class,
                ValidateCommand.class})
public final class Faultline {

    /** Exit code for bad input (a file, a line or an option that is not allowed). */
    public static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        // The CLI holds printerfacts: replicas the local backend launches run from the CLI's own class path.
        if (System.getProperty(LocalReplicas.CLASSPATH_PROPERTY) == null) {
            System.setProperty(LocalReplicas.CLASSPATH_PROPERTY, System.getProperty("java.class.path"));
        }
        int exit;
        try {
            exit = commandLine().execute(args);
        } catch (Throwable fault) {
            exit = InternalFault.report(new PrintWriter(System.err, true), fault);
        }
        System.exit(exit);
    }

    /** The command line with the contract every command keeps: bad input one line and exit 2, internal faults exit 5. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Faultline());
        // Bad input is exit 2 with one line, never a stack trace.
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(Echo.line("faultline: " + e.getMessage()));
            return EXIT_BAD_INPUT;
        });
        // Anything else that escapes a command is a fault of ours: one line, and the trace in a file.
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> InternalFault.report(commandLine.getErr(), e));
        return cli;
    }
}
