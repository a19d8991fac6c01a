package dev.faultline.history;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import us.bpsm.edn.EdnException;
import us.bpsm.edn.Keyword;
import us.bpsm.edn.parser.Parseable;
import us.bpsm.edn.parser.Parser;
import us.bpsm.edn.parser.Parsers;
import us.bpsm.edn.printer.Printers;

/**
 * Jepsen's EDN history: a vector of op maps (or, as Porcupine's kv logs, one map per line).
 * <pre>{:type :ok, :f :write, :value 42, :process 3, :time 1834000123, :index 12}</pre>
 * Independent keys travel as {@code [key value]} tuples in {@code :value} (Jepsen's independent
 * checker); an explicit {@code :key} is read too. What {@link #write} produces Knossos and Elle read.
 */
public final class EdnHistory {

    private static final Keyword TYPE = Keyword.newKeyword("type");
    private static final Keyword F = Keyword.newKeyword("f");
    private static final Keyword VALUE = Keyword.newKeyword("value");
    private static final Keyword KEY = Keyword.newKeyword("key");
    private static final Keyword PROCESS = Keyword.newKeyword("process");
    private static final Keyword TIME = Keyword.newKeyword("time");
    private static final Keyword INDEX = Keyword.newKeyword("index");
    private static final Keyword ERROR = Keyword.newKeyword("error");
    private static final Keyword NEMESIS = Keyword.newKeyword("nemesis");

    private EdnHistory() {}

    /**
     * Reads an EDN history. When every client op's value is a {@code [key value]} tuple the history
     * is taken as Jepsen-independent and the tuples are split into key and value.
     *
     * @throws HistoryFormatException naming the file and the op (and line, where known)
     */
    public static History read(Path file) {
        String name = file.toString();
        List<RawOp> raw = new ArrayList<>();
        InputFile.requireRegular(file, "a Jepsen EDN history");
        try (LineCountingParseable in = new LineCountingParseable(
                Parsers.newParseable(new BoundedEdnReader(InputFile.open(file), name)))) {
            Parser parser = Parsers.newParser(Parsers.defaultConfiguration());
            Object next;
            while ((next = parse(name, parser, in)) != Parser.END_OF_INPUT) {
                if (next instanceof List<?> vector) {
                    for (Object element : vector) {
                        raw.add(new RawOp(element, 0));
                    }
                } else {
                    raw.add(new RawOp(next, in.line));
                }
            }
        } catch (IOException e) {
            throw InputFile.readFailure(file, e);
        }
        List<Map<?, ?>> maps = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            if (!(raw.get(i).value instanceof Map<?, ?> map)) {
                throw error(name, raw.get(i), i, "expected an op map like {:process 3, :type :ok, :f :read, :value 1}");
            }
            maps.add(map);
        }
        boolean independent = isIndependent(maps);
        List<Op> ops = new ArrayList<>(maps.size());
        for (int i = 0; i < maps.size(); i++) {
            ops.add(toOp(name, raw.get(i), i, maps.get(i), independent));
        }
        return new History(ops);
    }

    private static Object parse(String name, Parser parser, LineCountingParseable in) throws IOException {
        try {
            return parser.nextValue(in);
        } catch (EdnException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new HistoryFormatException(name, in.line, "not valid EDN: " + ednProblem(e));
        } catch (NumberFormatException | ArithmeticException | ClassCastException | UnsupportedOperationException e) {
            // edn-java lets a few of its own faults through on odd input, such as a bad number or tag
            throw new HistoryFormatException(name, in.line, "not valid EDN near here; allowed: Jepsen's EDN op maps");
        }
    }

    /** edn-java's words for what is wrong, without its class names. */
    private static String ednProblem(EdnException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("[a-z]+(\\.[a-z]+)+\\.[A-Z]\\w*(: )?", "");
        return message.isBlank() ? "cannot read it" : Echo.of(message);
    }

    /**
     * Jepsen's independent histories carry {@code [key value]} in every client op. A plain cas
     * register's values are pairs too ({@code [expected new]}), so a history of nothing but such
     * cas ops is taken as plain; an independent one has reads or writes, or cas as {@code [k [a b]]}.
     */
    private static boolean isIndependent(List<Map<?, ?>> ops) {
        boolean onlyPlainCas = true;
        for (Map<?, ?> op : ops) {
            if (op.containsKey(KEY)) {
                return false;
            }
            if (op.get(PROCESS) == NEMESIS) {
                continue;
            }
            if (!(op.get(VALUE) instanceof List<?> tuple) || tuple.size() != 2
                    || tuple.get(0) instanceof List<?> || tuple.get(0) instanceof Map<?, ?>) {
                return false;
            }
            boolean plainCas = op.get(F) instanceof Keyword f && f.getName().equals("cas") && !(tuple.get(1) instanceof List<?>);
            onlyPlainCas &= plainCas;
        }
        return !onlyPlainCas;
    }

    private static Op toOp(String file, RawOp raw, int position, Map<?, ?> map, boolean independent) {
        OpType type = map.get(TYPE) instanceof Keyword k ? OpType.fromLabel(k.getName()) : null;
        if (type == null) {
            throw error(file, raw, position, ":type is " + shown(map.get(TYPE))
                    + "; allowed: :invoke, :ok, :fail, :info");
        }
        Object f = map.get(F);
        if (!(f instanceof Keyword) && !(f instanceof String)) {
            throw error(file, raw, position, ":f is " + shown(f) + "; expected a keyword like :read");
        }
        Object process = map.get(PROCESS);
        Process who;
        if (process instanceof Long id && id >= 0 && id <= Integer.MAX_VALUE) {
            who = Process.client(id.intValue());
        } else if (process == NEMESIS) {
            who = Process.NEMESIS;
        } else {
            throw error(file, raw, position, ":process is " + shown(process)
                    + "; allowed: a non-negative integer, or :nemesis");
        }
        Object value = map.get(VALUE);
        Object key = map.get(KEY);
        if (independent && !who.equals(Process.NEMESIS)) {
            List<?> tuple = (List<?>) value;
            key = tuple.get(0);
            value = tuple.get(1);
        }
        return new Op(
                longOr(map.get(INDEX), position),
                who,
                type,
                f instanceof Keyword k ? k.getName() : (String) f,
                Values.normalize(key),
                Values.normalize(value),
                longOr(map.get(TIME), Op.NO_TIME),
                errorText(map.get(ERROR)));
    }

    /** Jepsen's :error is often a keyword or a vector such as [:unavailable "…"]; a string, ours. */
    private static String errorText(Object error) {
        if (error == null) {
            return null;
        }
        return error instanceof String text ? text : print(error);
    }

    private static String shown(Object value) {
        return Echo.of(print(value));
    }

    private static long longOr(Object value, long otherwise) {
        return value instanceof Long l ? l : otherwise;
    }

    private static HistoryFormatException error(String file, RawOp raw, int position, String problem) {
        return new HistoryFormatException(file, raw.line, "op #" + (position + 1) + ": " + problem);
    }

    /** Writes {@code history} as one EDN vector, one op map per line. */
    public static void write(History history, Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write('[');
            for (int i = 0; i < history.size(); i++) {
                if (i > 0) {
                    out.write("\n ");
                }
                out.write(print(toEdn(history.ops().get(i))));
            }
            out.write("]\n");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static Map<Keyword, Object> toEdn(Op op) {
        Map<Keyword, Object> map = new LinkedHashMap<>();
        map.put(INDEX, op.index());
        map.put(TYPE, Keyword.newKeyword(op.type().label()));
        map.put(F, Keyword.newKeyword(op.f()));
        map.put(VALUE, op.key() == null ? op.value() : Arrays.asList(op.key(), op.value()));
        map.put(PROCESS, op.process() instanceof Process.Client c ? (Object) (long) c.id() : NEMESIS);
        if (op.time() != Op.NO_TIME) {
            map.put(TIME, op.time());
        }
        if (op.error() != null) {
            map.put(ERROR, op.error());
        }
        return map;
    }

    /** Prints the way Jepsen does, with commas between map entries, which edn-java's printer leaves out. */
    private static String print(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(print(k)).append(' ').append(print(v)));
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            list.forEach(element -> out.append(out.length() > 1 ? " " : "").append(print(element)));
            return out.append(']').toString();
        }
        return Printers.printString(value);
    }

    private record RawOp(Object value, long line) {}

    /** Counts the lines the EDN parser has consumed, to name them in errors. */
    private static final class LineCountingParseable implements Parseable {
        private final Parseable in;
        long line = 1;

        LineCountingParseable(Parseable in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int c = in.read();
            if (c == '\n') {
                line++;
            }
            return c;
        }

        @Override
        public void unread(int c) throws IOException {
            in.unread(c);
            if (c == '\n') {
                line--;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
