package dev.faultline.cli;

import dev.faultline.scenario.ScenarioException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline validate FILE…}: would these scenarios and lessons run? Answered without a cluster. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Parses and cross-checks scenario and lesson files, weighs their nodes against this machine, "
                + "and prints each plan: the fault schedule drawn from the seed, or the lesson's steps.",
                "No cluster starts.",
                "Exit 0: every file can run; 2: some cannot (one line each, naming file and line)."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "scenario or lesson files")
    private List<Path> files;

    @Option(names = "--seed", description = "draw the fault schedule with this seed (default: the file's, else 1)")
    private Long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int exit = 0;
        for (Path file : files) {
            try {
                DryRun.plan(file, seed, null, true, cluster -> { }, out);
            } catch (ScenarioException e) {
                err.println("faultline validate: " + e.getMessage());
                exit = Faultline.EXIT_BAD_INPUT;
            }
        }
        return exit;
    }
}
