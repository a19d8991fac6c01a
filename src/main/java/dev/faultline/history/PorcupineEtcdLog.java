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

    private static final Pattern EVENT =
            Pattern.compile("^INFO\\s+jepsen\\.util\\s+-\\s+(\\d+)\\s+:(\\w+)\\s+:([\\w-]+)\\s+(.*?)\\s*$");
    private static final Pattern CAS_VALUE = Pattern.compile("\\[(-?\\d+)\\s+(-?\\d+)]");

    private PorcupineEtcdLog() {}

    /** @throws HistoryFormatException naming the file and line of a jepsen.util line it cannot read */
    public static History read(Path file) {
        String name = file.toString();
        List<Op> ops = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (!line.contains("jepsen.util")) {
                    continue;
                }
                Matcher m = EVENT.matcher(line);
                if (!m.matches()) {
                    throw new HistoryFormatException(name, lineNumber,
                            "expected 'INFO  jepsen.util - PROCESS<tab>:TYPE<tab>:F<tab>VALUE'");
                }
                ops.add(toOp(name, lineNumber, ops.size(), m));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
        return new History(ops);
    }

    private static Op toOp(String file, long line, int index, Matcher m) {
        Process process = Process.client(Integer.parseInt(m.group(1)));
        OpType type = OpType.fromLabel(m.group(2));
        if (type == null) {
            throw new HistoryFormatException(file, line, "type :" + m.group(2) + " is not one of :invoke, :ok, :fail, :info");
        }
        String f = m.group(3);
        String text = m.group(4);
        boolean timedOut = text.equals(":timed-out");
        Object value = timedOut ? null : value(file, line, f, text);
        if (type == OpType.FAIL && f.equals("cas")) {
            return new Op(index, process, OpType.OK, "cas-fail", null, value, Op.NO_TIME);
        }
        if (type == OpType.FAIL && timedOut) {
            type = OpType.INFO;
        }
        return new Op(index, process, type, f, null, value, Op.NO_TIME);
    }

    private static Object value(String file, long line, String f, String text) {
        if (text.equals("nil")) {
            return null;
        }
        if (f.equals("cas")) {
            Matcher cas = CAS_VALUE.matcher(text);
            if (!cas.matches()) {
                throw new HistoryFormatException(file, line, "cas value '" + text + "' is not [expected new]");
            }
            return List.of(Long.parseLong(cas.group(1)), Long.parseLong(cas.group(2)));
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new HistoryFormatException(file, line, "value '" + text + "' is not an integer or nil");
        }
    }
}
