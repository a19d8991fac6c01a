package dev.faultline.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Opens what a user names as input. Anything but a regular file is refused before it is opened (a
 * FIFO would block, /dev/zero never ends), and text that is not UTF-8 is refused at the line and
 * column of its first bad byte.
 */
public final class InputFile {

    private InputFile() {
    }

    /** @throws HistoryFormatException when {@code file} is missing, a directory, a device or a FIFO */
    public static void requireRegular(Path file, String what) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new HistoryFormatException(file.toString(), 0, "no such file; expected " + what);
        } catch (IOException e) {
            throw new HistoryFormatException(file.toString(), 0, "cannot be read (" + reason(e) + "); expected " + what);
        }
        if (attributes.isDirectory()) {
            throw new HistoryFormatException(file.toString(), 0, "is a directory; expected " + what);
        }
        if (!attributes.isRegularFile()) {
            throw new HistoryFormatException(file.toString(), 0,
                    "is a device, FIFO or socket, not a regular file; expected " + what);
        }
        if (!Files.isReadable(file)) {
            throw new HistoryFormatException(file.toString(), 0, "cannot be read (permission denied); expected " + what);
        }
    }

    /** A reader that stops with an exception at the first byte that is not UTF-8. */
    public static BufferedReader open(Path file) throws IOException {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), strict));
    }

    /** The whole file as text, refused past {@code maxBytes} or when it is not UTF-8. */
    public static String readSmall(Path file, String what, long maxBytes) {
        requireRegular(file, what);
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new HistoryFormatException(file.toString(), 0, "is " + size + " bytes; " + what
                        + " may be at most " + maxBytes + " bytes");
            }
            byte[] bytes = Files.readAllBytes(file);
            return strictDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw notUtf8(file);
        } catch (IOException e) {
            throw new HistoryFormatException(file.toString(), 0, "cannot be read (" + reason(e) + ")");
        }
    }

    /**
     * Translates a read failure into bad input: a coding error names the line and column of the
     * first bad byte (the decoder reads ahead, so the line the reader had reached is not it).
     */
    public static RuntimeException readFailure(Path file, IOException e) {
        if (e instanceof CharacterCodingException) {
            return notUtf8(file);
        }
        return new HistoryFormatException(file.toString(), 0, "cannot be read (" + reason(e) + ")");
    }

    static HistoryFormatException notUtf8(Path file) {
        CharsetDecoder decoder = strictDecoder();
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        long line = 1;
        long column = 1;
        try (InputStream in = Files.newInputStream(file)) {
            boolean end = false;
            while (true) {
                if (!end) {
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        end = true;
                    } else {
                        bytes.position(bytes.position() + n);
                    }
                }
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, end);
                chars.flip();
                while (chars.hasRemaining()) {
                    if (chars.get() == '\n') {
                        line++;
                        column = 1;
                    } else {
                        column++;
                    }
                }
                chars.clear();
                if (result.isError()) {
                    return new HistoryFormatException(file.toString(), line, column,
                            "a byte that is not UTF-8 text; allowed: UTF-8");
                }
                bytes.compact();
                if (end && result.isUnderflow()) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HistoryFormatException(file.toString(), 0, "is not UTF-8 text; allowed: UTF-8");
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** What went wrong, without the exception's class name. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        return message == null ? "an input/output error" : Echo.of(message);
    }
}
