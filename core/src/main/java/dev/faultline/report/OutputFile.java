package dev.faultline.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a report file so that it cannot harm: a regular file is replaced atomically (a temporary
 * file in the same folder, then a rename, so a reader never sees half of it and a failed write
 * leaves nothing behind); a device, FIFO, socket or directory is refused, since replacing a device
 * node or streaming into one (as root, /dev/sda) is never what a report should do. A symlink the
 * user named on the command line is written through as a shell's {@code >} would, replacing the
 * regular file it points at and keeping the link ({@link #write}); a symlink inside a run folder is
 * refused ({@link #writeInFolder}): run folders are handed around, and a planted link would turn
 * the report against whatever it points at.
 */
public final class OutputFile {

    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private OutputFile() {
    }

    /**
     * The regular file a write to {@code file} replaces: {@code file} itself, or what its symlinks
     * lead to.
     *
     * @throws IllegalArgumentException saying why this path is not a place for a report
     */
    public static Path target(Path file) {
        return target(file, true);
    }

    private static Path target(Path file, boolean followLinks) {
        if (file.toString().isEmpty()) {
            throw new IllegalArgumentException("the output file name is empty; give one such as report.html");
        }
        Path target = file;
        if (Files.isSymbolicLink(file) && !followLinks) {
            throw new IllegalArgumentException(file + " is a symlink; Faultline never writes through a link inside a run "
                    + "folder (remove the link and run again to write a new file there)");
        }
        if (Files.isSymbolicLink(file)) {
            try {
                target = file.toRealPath();
            } catch (IOException e) {
                throw new IllegalArgumentException(file + " is a symlink to nothing that exists; give a regular file");
            }
        }
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException(file + " is a directory; give a file name inside it, such as "
                    + file.resolve("report.html"));
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(file + " is a device, FIFO or socket; reports are written only to regular files");
        }
        Path folder = target.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(file + ": the folder " + folder + " does not exist");
        }
        return target;
    }

    /**
     * Replaces {@link #target(Path)} with {@code text} atomically.
     *
     * @throws IllegalArgumentException when {@code file} is no place for a report
     * @throws UncheckedIOException when the write fails; the old file is then unchanged
     */
    public static void write(Path file, String text) {
        replace(file, target(file, true), text);
    }

    /**
     * Replaces {@code file}, inside a folder the user handed Faultline, with {@code text} atomically; a
     * symlink there is refused, not followed.
     *
     * @throws IllegalArgumentException when {@code file} is a symlink or no place for a report
     * @throws UncheckedIOException when the write fails; the old file is then unchanged
     */
    public static void writeInFolder(Path file, String text) {
        replace(file, target(file, false), text);
    }

    private static void replace(Path file, Path target, String text) {
        Path folder = target.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
            Files.writeString(temporary, text);
            PosixFileAttributeView permissions = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
            if (permissions != null) {
                permissions.setPermissions(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                        ? Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS) : READABLE);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + (e.getMessage() == null ? "input/output error" : e.getMessage()), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the write already failed; that failure is the one to report
                }
            }
        }
    }
}
