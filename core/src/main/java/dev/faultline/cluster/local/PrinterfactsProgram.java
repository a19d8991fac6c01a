package dev.faultline.cluster.local;

import eu.maveniverse.maven.mima.context.ContextOverrides;
import org.eclipse.aether.resolution.DependencyResolutionException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The class path the local backend launches printerfacts from (its replicas and its migration), each in a JVM of
 * its own. The app and its HTTP server are not on a harness user's class path: the path is
 * {@code -Dfaultline.printerfacts.classpath} when set (the CLI sets its own class path, which holds the app;
 * Faultline's build the module it has just built), else faultline-printerfacts of this Faultline's release,
 * resolved with Maven as Cassandra is, once per JVM.
 */
final class PrinterfactsProgram {

    static final String MAIN_CLASS = "dev.faultline.printerfacts.PrinterfactsCommand";

    private static volatile String resolved;

    private PrinterfactsProgram() {
    }

    static String classpath(Consumer<String> progress) {
        String configured = System.getProperty(LocalReplicas.CLASSPATH_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (resolved == null) {
            String coordinates = coordinates();
            progress.accept("resolving printerfacts (" + coordinates + ") with Maven");
            resolved = resolve(coordinates, ContextOverrides.create().withUserSettings(true).build());
        }
        return resolved;
    }

    static String resolve(String coordinates, ContextOverrides maven) {
        try {
            return MavenArtifacts.runtimeJars(coordinates, maven).stream().map(Path::toString)
                    .collect(Collectors.joining(":"));
        } catch (DependencyResolutionException e) {
            throw new MissingPrerequisiteException("printerfacts (" + coordinates + ") could not be resolved ("
                    + MavenArtifacts.rootCause(e) + "); it is neither in the local Maven repository nor downloadable"
                    + " from the repositories of your settings.xml; or set -D" + LocalReplicas.CLASSPATH_PROPERTY);
        }
    }

    /** {@code dev.faultline:faultline-printerfacts:<this release>}, written into the jar at build time. */
    static String coordinates() {
        Properties properties = new Properties();
        try (InputStream in = PrinterfactsProgram.class.getResourceAsStream("printerfacts.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("coordinates");
    }

    /** The command that runs printerfacts with {@code args}, on {@code java}. */
    static List<String> command(String java, List<String> jvmFlags, String classpath, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", classpath, MAIN_CLASS));
        command.addAll(args);
        return command;
    }
}
