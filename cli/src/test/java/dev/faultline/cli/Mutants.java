package dev.faultline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Hostile variants of real inputs: a seed file (from examples/, test-scenarios/ or the corpora)
 * with a few edits, each an insert, overwrite, delete, duplicate, cut or bit flip, and the inserted
 * text drawn from what breaks parsers: deep nesting, huge numbers and values, raw newlines and
 * bytes that are not UTF-8, YAML anchors and repeated keys, extreme durations and counts.
 */
final class Mutants {

    private static final List<String> HOSTILE = List.of(
            "[".repeat(5000), "{".repeat(300), "(".repeat(2000), "9".repeat(300_000), "-" + "1".repeat(25),
            "x".repeat(200_000), "\n", "\r\n", "\u0000", "\t", "\"", "\\", ";", "#", "#{", "#inst \"x\"", "#uuid \"q\"",
            "#_", "nil", "null", "true", ":type", ":invoke", ":ok", ":info", ":fail", ":f", ":nemesis", ":process",
            "[1 2]", "[nil nil]", "{}", "[]", "}", "]", ")", "1e999", "NaN", "-0", "2147483648", "9223372036854775808",
            "\"type\":", "\"process\":-1", "\"index\":", "\"value\":[", ",", ":", "- ", ": ", "&a ", "*a", "<<: *a",
            "? ", "!!binary ", "!!python/object:x ", "---\n", "...\n", "nodes: 2147483647", "duration: 999999999999h",
            "every: 1ms", "lasting: -5s", "at: -5s", "rate: 2147483647", "concurrency: 2147483647", "faults:\n",
            "  - fault: kill\n", "steps:\n", "- sleep: 1ms\n", "- read: {key: x}\n", "ONE", "SERIAL", "0s", "-5s",
            "jepsen.util - ", "INFO  jepsen.util - 1\t:invoke\t:cas\t[1 ", "\t:timed-out", "\u2028", "é", "\uD83D\uDE00");

    /** The bytes that are never UTF-8, to mix in as they are. */
    private static final List<byte[]> BAD_BYTES = List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3},
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xfe, (byte) 0xfe});

    private Mutants() {
    }

    record Edit(int kind, double where, int length, byte[] token) {}

    static Arbitrary<byte[]> of(List<byte[]> seeds) {
        Arbitrary<byte[]> token = Arbitraries.oneOf(
                Arbitraries.of(HOSTILE).map(t -> t.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.of(BAD_BYTES),
                Arbitraries.strings().ofMaxLength(6).map(t -> t.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(1, 200), token).as(Edit::new);
        return Combinators.combine(Arbitraries.of(seeds), edit.list().ofMinSize(1).ofMaxSize(4)).as(Mutants::apply);
    }

    static byte[] apply(byte[] seed, List<Edit> edits) {
        byte[] bytes = seed;
        for (Edit edit : edits) {
            int at = (int) (edit.where() * bytes.length);
            int end = Math.min(bytes.length, at + edit.length());
            bytes = switch (edit.kind()) {
                case 0 -> splice(bytes, at, at, edit.token());
                case 1 -> splice(bytes, at, Math.min(bytes.length, at + edit.token().length), edit.token());
                case 2 -> splice(bytes, at, end, new byte[0]);
                case 3 -> splice(bytes, end, end, java.util.Arrays.copyOfRange(bytes, at, end));
                case 4 -> java.util.Arrays.copyOf(bytes, at);
                default -> flip(bytes, at);
            };
        }
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
        byte[] out = new byte[bytes.length - (to - from) + insert.length];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(bytes, to, out, from + insert.length, bytes.length - to);
        return out;
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] out = bytes.clone();
        if (at < out.length) {
            out[at] ^= (byte) (1 << (at % 8));
        }
        return out;
    }

    /** The files under {@code dir} whose names end with {@code suffix} and that are small enough to mutate quickly. */
    static List<byte[]> seeds(Path dir, String suffix, long maxBytes) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<byte[]> seeds = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).sorted().toList()) {
                if (Files.size(file) <= maxBytes) {
                    seeds.add(Files.readAllBytes(file));
                }
            }
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
