package dev.faultline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code faultline bench ...}: the user-facing benchmarks. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures speed and memory.",
        subcommands = {BenchCheckerCommand.class, BenchClusterCommand.class, BenchFaultsCommand.class, BenchPrinterfactsCommand.class,
                BenchWorkloadCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
