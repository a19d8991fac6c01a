package dev.faultline.report;

import dev.faultline.history.History;
import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.Operation;
import dev.faultline.history.Process;
import dev.faultline.history.Values;
import dev.faultline.workload.Workload;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one level's report names who did what. A scenario's client slot {@code s} of {@code n} runs as
 * process {@code s}, then {@code s + n}, {@code s + 2n}… (Jepsen's rule: after an indeterminate op
 * the old process stays open, so the client goes on under a new id); the report names the client and
 * adds the id where it is not the first. A lesson's clients are named by its steps, and its ops by
 * step number. Ids from {@link Workload#SEEDER} up are the harness's own (the seeding writes, the
 * final reads). With the client count unknown, processes keep their ids and ops their numbers.
 * {@code faultline check} names a run's history by the same rules ({@link #ofHistoryFile}), so a process
 * is called the same in the terminal and in report.html.
 */
public final class Naming {

    /** A timeline lane: its order, top first, and its label. */
    record Lane(long order, String name) {
    }

    private static final Pattern OP_NUMBER = Pattern.compile("op #(\\d+)");
    private static final long HARNESS = ((Process.Client) Workload.SEEDER).id();

    /** A scenario's client count, whose slots number the processes; null otherwise. */
    private final Integer slots;
    /** A lesson's client of each process, and each client's lane in order of first use. */
    private final Map<Process, String> named = new HashMap<>();
    private final Map<String, Integer> laneOf = new LinkedHashMap<>();
    private final Map<String, Process> firstProcess = new HashMap<>();
    /** A lesson's op of each invoke index: "step 5", "step 7, read 3 of 5". */
    private final Map<Long, String> steps = new HashMap<>();
    private final Map<Long, Integer> stepNumbers = new HashMap<>();

    private Naming(Integer slots) {
        this.slots = slots;
    }

    /** One level of a run: by the lesson's steps where it is a level of the lesson, else by the run's client count. */
    static Naming of(RunSetup setup, LessonView lesson, String level, History history) {
        int column = lesson == null ? -1 : lesson.levels().indexOf(level);
        return column < 0 ? of(setup) : of(lesson, column, history);
    }

    /**
     * The names report.html gives the processes of a history file: a run folder's level history (its
     * analysis.json names the file) is named as that run's report names it; any other history keeps its ids,
     * as does one beside a malformed analysis.json, which is told to {@code warnings}.
     */
    public static Naming ofHistoryFile(Path file, History history, Consumer<String> warnings) {
        Path level = file.toAbsolutePath().normalize().getParent();
        Path runDir = level == null ? null : level.getParent();
        try {
            return runDir == null ? of(RunSetup.UNKNOWN) : Analysis.levelOf(runDir, file)
                    .map(run -> of(run.setup(), run.lesson(), run.level(), history))
                    .orElseGet(() -> of(RunSetup.UNKNOWN));
        } catch (HistoryFormatException e) {
            warnings.accept(e.getMessage() + "; processes are named by their ids");
            return of(RunSetup.UNKNOWN);
        }
    }

    static Naming of(RunSetup setup) {
        return new Naming(setup.clients() == null || setup.clients() < 1 ? null : setup.clients());
    }

    /** A lesson's level: processes by the client its steps name, ops by their step; column is the level's in {@code lesson}. */
    static Naming of(LessonView lesson, int column, History history) {
        Naming naming = new Naming(null);
        Map<Long, Process> processOf = new HashMap<>();
        history.ops().forEach(op -> processOf.put(op.index(), op.process()));
        for (int i = 0; i < lesson.rows().size(); i++) {
            LessonView.Row row = lesson.rows().get(i);
            List<Long> ops = row.cells().get(column).ops();
            for (int attempt = 0; ops != null && attempt < ops.size(); attempt++) {
                Process p = processOf.get(ops.get(attempt));
                if (p == null) {
                    continue;
                }
                naming.stepNumbers.put(ops.get(attempt), i + 1);
                naming.steps.put(ops.get(attempt), "step " + (i + 1) + (ops.size() > 1 ? ", read " + (attempt + 1) + " of " + ops.size() : ""));
                if (row.client() != null && naming.named.putIfAbsent(p, row.client()) == null) {
                    naming.laneOf.putIfAbsent(row.client(), naming.laneOf.size());
                    naming.firstProcess.putIfAbsent(row.client(), p);
                }
            }
        }
        return naming;
    }

    /** The number of clients, or null when the run did not say. */
    Integer clients() {
        return slots != null ? slots : named.isEmpty() ? null : (Integer) laneOf.size();
    }

    /** "step 5" for a lesson's op, else "op #12". */
    public String op(Operation op) {
        return steps.getOrDefault(op.invoke().index(), "op #" + op.invoke().index());
    }

    /** The number of a lesson's step the op belongs to, or null. */
    Integer step(Operation op) {
        return stepNumbers.get(op.invoke().index());
    }

    /** A sentence that names ops as "op #12", with a lesson's ops named by their step instead. */
    public String inSentence(String sentence) {
        return OP_NUMBER.matcher(sentence).replaceAll(m -> Matcher.quoteReplacement(
                steps.getOrDefault(Long.parseLong(m.group(1)), m.group())));
    }

    /** The op's reference in a list: "step 5", or "#12". */
    public String ref(Operation op) {
        return steps.getOrDefault(op.invoke().index(), "#" + op.invoke().index());
    }

    static boolean harness(Process p) {
        return p instanceof Process.Client c && c.id() >= HARNESS;
    }

    /** The overview's lane of a process: its client's, so a client stays on one line through its ids. */
    Lane lane(Process p) {
        if (!(p instanceof Process.Client c)) {
            return new Lane(Long.MAX_VALUE, p.toString());
        }
        if (harness(p)) {
            return new Lane(c.id(), harnessName(c));
        }
        if (named.containsKey(p)) {
            return new Lane(laneOf.get(named.get(p)), who(p));
        }
        return slots == null ? new Lane(c.id(), Integer.toString(c.id())) : new Lane(c.id() % slots, who(p));
    }

    /** A close-up's lane label: one lane per process id, as an open indeterminate op keeps its own. */
    String process(Process p) {
        return clients() == null && !harness(p) ? "p " + p : who(p) + idSuffix(p);
    }

    /** Who did an op, in a sentence: "client 3", "process 11" when the clients are unknown. */
    String who(Process p) {
        if (!(p instanceof Process.Client c)) {
            return p.toString();
        }
        if (harness(p)) {
            return harnessName(c);
        }
        if (named.containsKey(p)) {
            return "client " + named.get(p);
        }
        return slots == null ? "process " + c.id() : "client " + c.id() % slots;
    }

    /** How many process ids the level's clients went through (the harness's not counted). */
    static long processIds(Collection<Operation> ops) {
        return ops.stream().map(Operation::process).filter(p -> !harness(p)).distinct().count();
    }

    /**
     * "w 2", "r 1", "cas [1 2]" for ops that took effect; a failed op has no result, so a failed read is
     * "r ✗", never "r nil" (a read that returned nil); an indeterminate op is marked "?".
     */
    static String bar(Operation op) {
        String f = switch (op.f()) {
            case "write" -> "w";
            case "read" -> "r";
            default -> op.f();
        };
        boolean read = op.f().equals("read");
        return switch (op.outcome()) {
            case OK -> f + " " + Values.show(op.value());
            case FAIL -> read ? f + " ✗" : f + " " + Values.show(op.value()) + " ✗";
            default -> read ? f + " ?" : f + " " + Values.show(op.value()) + " ?";
        };
    }

    /** "client 1: read k1 returned 3", "client 1: read k1 failed: Unavailable (…)", "client 2: write k2 5, indeterminate: …". */
    public String describe(Operation op) {
        boolean read = op.f().equals("read");
        String what = op.f() + (op.key() == null ? "" : " " + op.key());
        String why = op.error() == null ? "" : ": " + op.error();
        String text = switch (op.outcome()) {
            case OK -> read ? what + " returned " + Values.show(op.value()) : what + " " + Values.show(op.value());
            case FAIL -> (read ? what : what + " " + Values.show(op.value())) + " failed" + why;
            default -> (read ? what : what + " " + Values.show(op.value())) + ", indeterminate" + why;
        };
        return who(op.process()) + idSuffix(op.process()) + ": " + text;
    }

    /** " · id 11" for a client past its first process id. */
    private String idSuffix(Process p) {
        if (!(p instanceof Process.Client c) || harness(p)) {
            return "";
        }
        if (named.containsKey(p)) {
            return firstProcess.get(named.get(p)).equals(p) ? "" : " · id " + c.id();
        }
        return slots != null && c.id() >= slots ? " · id " + c.id() : "";
    }

    private static String harnessName(Process.Client c) {
        return c.id() == HARNESS ? "seed" : "final read";
    }
}
