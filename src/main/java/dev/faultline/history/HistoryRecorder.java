package dev.faultline.history;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends ops to a JSONL history as they happen, from any number of client threads. Each op is
 * numbered, stamped and flushed under one lock, so the file order is a real-time order of the
 * events and a killed run loses at most the line being written.
 */
public final class HistoryRecorder implements AutoCloseable {

    private final Writer out;
    private final JsonGenerator json;
    private final long startNanos = System.nanoTime();
    private long nextIndex;

    private HistoryRecorder(Writer out) throws IOException {
        this.out = out;
        this.json = JsonlHistory.JSON.getFactory().createGenerator(out);
        // one object per line: the generator must not close or buffer past our flush
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    /** Creates (or truncates) {@code file}. */
    public static HistoryRecorder create(Path file) {
        try {
            return new HistoryRecorder(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a whole history, e.g. one converted from EDN. */
    public static void write(History history, Path file) {
        try (HistoryRecorder recorder = create(file)) {
            history.ops().forEach(recorder::append);
        }
    }

    /** Records an event happening now: numbers it and stamps it with ns since the recorder started. */
    public synchronized Op record(Process process, OpType type, String f, Object key, Object value) {
        Op op = new Op(nextIndex, process, type, f, key, Values.normalize(value), System.nanoTime() - startNanos);
        write(op);
        return op;
    }

    /** Appends an op as it is (index and time included). */
    public synchronized void append(Op op) {
        write(op);
    }

    private void write(Op op) {
        try {
            json.writeStartObject();
            json.writeNumberField("index", op.index());
            if (op.process() instanceof Process.Client client) {
                json.writeNumberField("process", client.id());
            } else {
                json.writeStringField("process", "nemesis");
            }
            json.writeStringField("type", op.type().label());
            json.writeStringField("f", op.f());
            if (op.key() != null) {
                json.writeObjectField("key", op.key());
            }
            if (op.value() != null) {
                json.writeObjectField("value", op.value());
            }
            if (op.time() != Op.NO_TIME) {
                json.writeNumberField("time", op.time());
            }
            json.writeEndObject();
            json.flush();
            out.write('\n');
            out.flush();
            nextIndex = Math.max(nextIndex, op.index() + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to history: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            json.close();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close history: " + e.getMessage(), e);
        }
    }
}
