package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {

    private static String help(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Faultline.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute(args)).isZero();
        return out.toString();
    }

    /** Help text with its line wrapping undone, so a sentence can be found whole. */
    private static String unwrapped(String help) {
        return help.replaceAll("\\s+", " ");
    }

    /** A command line is built with the one subcommand its first word names (picocli's model of all is most of a start). */
    @Test
    void aCommandLineHoldsOnlyTheSubcommandItsFirstWordNamesAndAllForHelp() {
        assertThat(Faultline.commandLine("check", "x.jsonl").getSubcommands()).containsOnlyKeys("check");
        assertThat(Faultline.commandLine("--help").getSubcommands()).containsKeys("help", "check", "bench", "run", "validate");
        assertThat(Faultline.commandLine("help", "check").getSubcommands()).containsKeys("help", "check", "run");
        assertThat(Faultline.commandLine("nonsense").getSubcommands()).hasSameSizeAs(Faultline.commandLine().getSubcommands());
        StringWriter out = new StringWriter();
        CommandLine check = Faultline.commandLine("check", "--help");
        check.setOut(new PrintWriter(out, true));
        assertThat(check.execute("check", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: faultline check ");
    }

    @Test
    void theCommandListShowsRunsWholeFirstSentence() {
        assertThat(unwrapped(help("--help"))).contains("run Runs a scenario on a local Cassandra cluster: clients and "
                + "faults on one clock, every op recorded in results/<scenario>-<time>/, the history checked, each "
                + "consistency level compared.");
    }

    /** A command list shows each command's header, or else its first description element, alone: a whole sentence. */
    @Test
    void everyCommandListShowsWholeSentences() {
        List<CommandLine> commands = new ArrayList<>();
        collect(Faultline.commandLine(), commands);
        assertThat(commands).hasSizeGreaterThan(10);
        for (CommandLine command : commands.subList(1, commands.size())) {
            CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
            String shown = (usage.header().length > 0 ? usage.header()[0] : usage.description()[0]).replace("%n", "");
            assertThat(shown).as(command.getCommandName()).matches("[A-Z].*[.)]");
            assertThat(unwrapped(help(path(command.getParent())))).as(command.getCommandName())
                    .contains(command.getCommandName() + " " + unwrapped(shown));
        }
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    private static String[] path(CommandLine command) {
        List<String> names = new ArrayList<>();
        for (CommandLine at = command; at.getParent() != null; at = at.getParent()) {
            names.add(0, at.getCommandName());
        }
        names.add("--help");
        return names.toArray(String[]::new);
    }
}
