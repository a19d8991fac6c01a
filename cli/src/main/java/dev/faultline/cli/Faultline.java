package dev.faultline.cli;

import dev.faultline.cluster.local.LocalReplicas;
import dev.faultline.history.Echo;
import dev.faultline.printerfacts.PrinterfactsCommand;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code faultline} command: each job is a subcommand. */
@Command(
        name = "faultline",
        mixinStandardHelpOptions = true,
        version = "faultline 0.1.0",
        description = "Chaos and consistency harness for Apache Cassandra.")
public final class Faultline {

    /** Exit code for bad input (a file, a line or an option that is not allowed). */
    public static final int EXIT_BAD_INPUT = 2;

    /** The subcommands by name, in the order help lists them, each made only when a command line needs it. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
        SUBCOMMANDS.put("check", CheckCommand::new);
        SUBCOMMANDS.put("bench", BenchCommand::new);
        SUBCOMMANDS.put("cluster", ClusterCommand::new);
        SUBCOMMANDS.put("printerfacts", PrinterfactsCommand::new);
        SUBCOMMANDS.put("run", RunCommand::new);
        SUBCOMMANDS.put("report", ReportCommand::new);
        SUBCOMMANDS.put("validate", ValidateCommand::new);
    }

    public static void main(String[] args) {
        // The CLI holds printerfacts: replicas the local backend launches run from the CLI's own class path.
        if (System.getProperty(LocalReplicas.CLASSPATH_PROPERTY) == null) {
            System.setProperty(LocalReplicas.CLASSPATH_PROPERTY, System.getProperty("java.class.path"));
        }
        int exit;
        try {
            exit = commandLine(args).execute(args);
        } catch (Throwable fault) {
            exit = InternalFault.report(new PrintWriter(System.err, true), fault);
        }
        System.exit(exit);
    }

    /** The command line with every subcommand, and the contract every command keeps: bad input one line and exit 2, internal faults exit 5. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: with only the subcommand their first word names, if it names one, else
     * with all (help, an option, a word that is no command). Picocli reads the options of every command it holds
     * when it is built, and of all of them that is most of a small {@code check}'s start.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Faultline());
        Supplier<Object> named = args.length == 0 || args[0].equals("help") ? null : SUBCOMMANDS.get(args[0]);
        if (named != null) {
            cli.addSubcommand(named.get());
        } else {
            SUBCOMMANDS.values().forEach(subcommand -> cli.addSubcommand(subcommand.get()));
        }
        // Bad input is exit 2 with one line, never a stack trace.
        cli.setParameterExceptionHandler((e, given) -> {
            e.getCommandLine().getErr().println(Echo.line("faultline: " + e.getMessage()));
            return EXIT_BAD_INPUT;
        });
        // Anything else that escapes a command is a fault of ours: one line, and the trace in a file.
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> InternalFault.report(commandLine.getErr(), e));
        return cli;
    }
}
