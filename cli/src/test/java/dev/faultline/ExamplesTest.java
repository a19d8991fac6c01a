package dev.faultline;

import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example projects are what the build proves: their code compiles against this build's modules (the invoker
 * runs them, each on a real cluster, only after an install). Their DAO, clients and model are theirs alone: core's
 * tests use clients of their own.
 */
class ExamplesTest {

    @Test
    void everyExampleCompilesAgainstThisBuild(@org.junit.jupiter.api.io.TempDir Path out) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("examples"))) {
            sources = files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/")).sorted().toList();
        }
        assertThat(sources).extracting(Path::toString).contains("examples/bank/src/test/java/com/example/bank/TransfersTest.java");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            boolean compiled = javac.getTask(null, files, diagnostics,
                    List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"), "-proc:none"),
                    null, files.getJavaFileObjectsFromPaths(sources)).call();
            assertThat(diagnostics.getDiagnostics()).filteredOn(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .extracting(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .isEmpty();
            assertThat(compiled).isTrue();
        }
    }
}
