package dev.faultline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code faultline} command: each job is a subcommand. */
@Command(
        name = "faultline",
        mixinStandardHelpOptions = true,
        version = "faultline 0.1.0",
        description = "Chaos and consistency harness for Apache Cassandra.",
        subcommands = {CommandLine.HelpCommand.class, CheckCommand.class, BenchCommand.class,
                ClusterCommand.class, PrinterfactsCommand.class, RunCommand.class, ReportCommand.class})
public final class Faultline {

    /** Exit code for bad input (a file, a line or an option that is not allowed). */
    public static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Faultline());
        // Bad input is exit 2 with one line, never a stack trace.
        cli.setExitCodeExceptionMapper(e -> EXIT_BAD_INPUT);
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("faultline: " + e.getMessage());
            return EXIT_BAD_INPUT;
        });
        return cli;
    }
}
