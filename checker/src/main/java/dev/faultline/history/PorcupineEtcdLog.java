package dev.faultline.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Jepsen etcd logs of Porcupine's test suite, one event per line:
 * <pre>INFO  jepsen.util - 3	:invoke	:cas	[1 4]</pre>
 * Their semantics differ from Knossos's, and are translated here into ops any model understands:
 * <ul>
 *   <li>{@code :fail :cas} means the cas ran and found a value other than the expected one: an
 *       observation, recorded as an ok {@code cas-fail} (not as a cas that did not happen);</li>
 *   <li>{@code :fail :read :timed-out} is a read with an unknown result: indeterminate;</li>
 *   <li>{@code :info ... :timed-out} is indeterminate, as is any op still open at the end;</li>
 *   <li>a read of {@code nil} means the key was never written (the register model's strict nil).</li>
 * </ul>
 * Lines not from {@code jepsen.util} are other log output and are skipped.
 */
public final class PorcupineEtcdLog {

    private static final String PREFIX = "jepsen.util - ";
    private static final Pattern CAS_VALUE = Pattern.compile("\\[(-?\\d{1,18})\\s+(-?\\d{1,18})]");

    private PorcupineEtcdLog() {}

    /** @throws HistoryFormatException naming the file and line of a jepsen.util line it cannot read */
    public static History read(Path file) {
        String name = file.toString();
        List<Op> ops = new ArrayList<>();
        InputFile.requireRegular(file, "a Porcupine log");
        try (BufferedReader in = InputFile.open(file)) {
            String line;
            long lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (!line.contains("jepsen.util")) {
                    continue;
                }
                ops.add(toOp(name, lineNumber, ops.size(), fields(name, lineNumber, line)));
            }
        } catch (IOException e) {
            throw InputFile.readFailure(file, e);
        }
        return new History(ops);
    }

    /** Process, type, f and value of {@code INFO  jepsen.util - 3<tab>:invoke<tab>:cas<tab>[1 4]}. */
    private static String[] fields(String file, long line, String text) {
        int at = text.indexOf(PREFIX);
        String[] fields = new String[4];
        if (at >= 0) {
            at += PREFIX.length();
            for (int field = 0; field < 3 && at < text.length(); field++) {
                at = skipSpace(text, at);
                int end = at;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                fields[field] = text.substring(at, end);
                at = end;
            }
            fields[3] = text.substring(Math.min(skipSpace(text, at), text.length())).strip();
        }
        if (at < 0 || fields[3].isEmpty() || !isNumber(fields[0])
                || !fields[1].startsWith(":") || !fields[2].startsWith(":")) {
            throw new HistoryFormatException(file, line,
                    "expected 'INFO  jepsen.util - PROCESS<tab>:TYPE<tab>:F<tab>VALUE'");
        }
        return fields;
    }

    private static int skipSpace(String text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static boolean isNumber(String text) {
        if (text == null || text.isEmpty() || text.length() > 9) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static Op toOp(String file, long line, int index, String[] fields) {
        Process process = Process.client(Integer.parseInt(fields[0]));
        OpType type = OpType.fromLabel(fields[1].substring(1));
        if (type == null) {
            throw new HistoryFormatException(file, line, "type " + Echo.of(fields[1]) + " is not one of :invoke, :ok, :fail, :info");
        }
        String f = fields[2].substring(1);
        String text = fields[3];
        boolean timedOut = text.equals(":timed-out");
        Object value = timedOut ? null : value(file, line, f, text);
        Op op = failedCasRan(new Op(index, process, type, f, null, value, Op.NO_TIME));
        return op.type() == OpType.FAIL && timedOut ? new Op(index, process, OpType.INFO, f, null, value, Op.NO_TIME) : op;
    }

    /**
     * {@code history} as Porcupine's etcd logs mean its ops: each failed cas ran and found another
     * value. For generated histories checked the way these logs are.
     */
    public static History withFailedCasRun(History history) {
        return new History(history.ops().stream().map(PorcupineEtcdLog::failedCasRan).toList());
    }

    private static Op failedCasRan(Op op) {
        return op.type() == OpType.FAIL && op.f().equals("cas")
                ? new Op(op.index(), op.process(), OpType.OK, "cas-fail", op.key(), op.value(), op.time(), op.error())
                : op;
    }

    private static Object value(String file, long line, String f, String text) {
        if (text.equals("nil")) {
            return null;
        }
        if (f.equals("cas")) {
            Matcher cas = CAS_VALUE.matcher(text);
            if (!cas.matches()) {
                throw new HistoryFormatException(file, line, "cas value '" + Echo.of(text) + "' is not [expected new]");
            }
            return List.of(Long.parseLong(cas.group(1)), Long.parseLong(cas.group(2)));
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new HistoryFormatException(file, line, "value '" + Echo.of(text) + "' is not an integer or nil");
        }
    }
}
