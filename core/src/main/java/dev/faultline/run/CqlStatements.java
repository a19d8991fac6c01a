package dev.faultline.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A CQL file's statements, as cqlsh runs them: separated by {@code ;}, line comments ({@code --}, {@code //}) left out. */
final class CqlStatements {

    private CqlStatements() {
    }

    static List<String> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("schema file " + file.toAbsolutePath() + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("schema file " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        List<String> statements = split(text);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("schema file " + file.toAbsolutePath() + " holds no CQL statement");
        }
        return statements;
    }

    static List<String> split(String text) {
        StringBuilder code = new StringBuilder();
        for (String line : text.split("\\R")) {
            int comment = commentStart(line);
            code.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : code.toString().toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                add(statements, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        add(statements, current);
        return statements;
    }

    /** Where a line comment starts outside a string literal, or -1. */
    private static int commentStart(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && i + 1 < line.length()
                    && (c == '-' && line.charAt(i + 1) == '-' || c == '/' && line.charAt(i + 1) == '/')) {
                return i;
            }
        }
        return -1;
    }

    private static void add(List<String> statements, StringBuilder statement) {
        String text = statement.toString().strip();
        if (!text.isEmpty()) {
            statements.add(text.replaceAll("\\s*\\n\\s*", " "));
        }
    }
}
