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
 * runs them only after an install), and the DAO, clients and model the core module's ITs run on a real cluster
 * are the examples' own files, word for word but for the package.
 */
class ExamplesTest {

    private static final Path CORE_RUN_TESTS = Path.of("core/src/test/java/dev/faultline/run");

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

    @Test
    void theBankModelIsTheOneCoreUnitTestsCheckWith() throws IOException {
        assertSameBut("com.example.bank", Path.of("examples/bank/src/test/java/com/example/bank/BankModel.java"));
    }

    private static void assertSameBut(String examplePackage, Path example) throws IOException {
        String core = Files.readString(CORE_RUN_TESTS.resolve(example.getFileName()));
        assertThat(Files.readString(example)).as(example.toString())
                .isEqualTo(core.replace("package dev.faultline.run;", "package " + examplePackage + ";"));
    }
}
