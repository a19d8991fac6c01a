package dev.faultline.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/** The history formats we read, and how to tell them apart. */
public enum HistoryFormat {
    JSONL,
    EDN,
    /** Porcupine's Jepsen etcd logs. */
    PORCUPINE_ETCD,
    /** Porcupine's key-value logs: EDN op maps, one per line, with {@code :key}. */
    PORCUPINE_KV;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public History read(Path file, Consumer<String> warnings) {
        return switch (this) {
            case JSONL -> JsonlHistory.read(file, warnings);
            case EDN, PORCUPINE_KV -> EdnHistory.read(file);
            case PORCUPINE_ETCD -> PorcupineEtcdLog.read(file);
        };
    }

    /**
     * Tells the format by extension, then by the first non-blank line. A file with none holds the empty
     * history in any format: Porcupine's etcd log for a {@code .log}, its kv log for a {@code .txt} (as
     * its test suite names them), else JSONL.
     *
     * @throws HistoryFormatException when neither gives it away
     */
    public static HistoryFormat detect(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".jsonl")) {
            return JSONL;
        }
        if (name.endsWith(".edn")) {
            return EDN;
        }
        String first = firstLine(file);
        if (first.isEmpty()) {
            return name.endsWith(".log") ? PORCUPINE_ETCD : name.endsWith(".txt") ? PORCUPINE_KV : JSONL;
        }
        if (first.startsWith("{\"")) {
            return JSONL;
        }
        if (first.contains("jepsen.util")) {
            return PORCUPINE_ETCD;
        }
        if (first.startsWith("{:") && first.contains(":key")) {
            return PORCUPINE_KV;
        }
        if (first.startsWith("[") || first.startsWith("{:") || first.startsWith(";")) {
            return EDN;
        }
        throw new HistoryFormatException(file.toString(), 1,
                "cannot tell the history format; name it with --format jsonl|edn|porcupine-etcd|porcupine-kv");
    }

    /**
     * The 1-based line of the event at {@code position} (0-based, in the order read) where the format puts one event on
     * a line of its own (JSONL, Porcupine's etcd logs); 0 where it does not tell (EDN vectors) or the file changed.
     */
    public long lineOf(Path file, int position) {
        if (this != JSONL && this != PORCUPINE_ETCD) {
            return 0;
        }
        try (BufferedReader in = InputFile.open(file)) {
            int events = 0;
            long number = 0;
            String line;
            while ((line = in.readLine()) != null) {
                number++;
                boolean event = this == JSONL ? !line.isBlank() : line.contains("jepsen.util");
                if (event && events++ == position) {
                    return number;
                }
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String firstLine(Path file) {
        InputFile.requireRegular(file, "a history file");
        try (BufferedReader in = InputFile.open(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    return line.strip();
                }
            }
            return "";
        } catch (IOException e) {
            throw InputFile.readFailure(file, e);
        }
    }
}
