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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends ops to a JSONL history as they happen, from any number of client threads. Each op is
 * numbered and stamped under one short lock, so the file order is a real-time order of the events;
 * one writer thread then appends and flushes whole batches, so clients never wait for the disk
 * and a killed run loses at most the last few milliseconds of ops (a torn last line at worst).
 */
public final class HistoryRecorder implements AutoCloseable {

    private final Writer out;
    private final JsonGenerator json;
    private final long startNanos = System.nanoTime();
    private final Thread writer;
    /** Ops numbered but not yet written; guarded by this. */
    private final ArrayDeque<Op> pending = new ArrayDeque<>();
    private long nextIndex;
    private boolean closed;
    private volatile IOException failure;

    private HistoryRecorder(Writer out) throws IOException {
        this.out = out;
        this.json = JsonlHistory.JSON.getFactory().createGenerator(out);
        // one object per line: the generator must not close or buffer past our flush
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setRootValueSeparator(null);
        writer = new Thread(this::writeBatches, "history-writer");
        writer.setDaemon(true);
        writer.start();
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

    /** Now on the history's clock: ns since the recorder started, as the ops are stamped. */
    public long now() {
        return System.nanoTime() - startNanos;
    }

    /** Records an event happening now: numbers it and stamps it with ns since the recorder started. */
    public Op record(Process process, OpType type, String f, Object key, Object value) {
        return record(process, type, f, key, value, null);
    }

    /** As {@link #record(Process, OpType, String, Object, Object)}, for a completion that failed with {@code error}. */
    public synchronized Op record(Process process, OpType type, String f, Object key, Object value, String error) {
        Op op = new Op(nextIndex, process, type, f, key, Values.normalize(value), System.nanoTime() - startNanos, error);
        enqueue(op);
        return op;
    }

    /** Appends an op as it is (index and time included). */
    public synchronized void append(Op op) {
        enqueue(op);
    }

    private void enqueue(Op op) {
        if (failure != null) {
            throw new UncheckedIOException("cannot append to history: " + failure.getMessage(), failure);
        }
        if (closed) {
            throw new IllegalStateException("the history recorder is closed");
        }
        nextIndex = Math.max(nextIndex, op.index() + 1);
        pending.add(op);
        if (pending.size() == 1) {
            // the writer takes everything at once, so only the first op of a batch needs to wake it
            notifyAll();
        }
    }

    private void writeBatches() {
        List<Op> batch = new ArrayList<>();
        try {
            while (true) {
                synchronized (this) {
                    while (pending.isEmpty() && !closed) {
                        wait();
                    }
                    if (pending.isEmpty()) {
                        return;
                    }
                    batch.addAll(pending);
                    pending.clear();
                }
                for (Op op : batch) {
                    write(op);
                }
                out.flush();
                batch.clear();
                // let a batch gather instead of waking for every op: at most a millisecond more at risk
                Thread.sleep(1);
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(Op op) throws IOException {
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
        if (op.error() != null) {
            json.writeStringField("error", op.error());
        }
        json.writeEndObject();
        json.flush();
        out.write('\n');
    }

    /** Writes what is still pending, then closes the file. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        try {
            writer.join();
            json.close();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close history: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing the history", e);
        }
        if (failure != null) {
            throw new UncheckedIOException("cannot append to history: " + failure.getMessage(), failure);
        }
    }
}
