package dev.faultline.cluster.local;

import eu.maveniverse.maven.mima.context.Context;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import eu.maveniverse.maven.mima.context.Runtimes;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.nio.file.Path;
import java.util.List;

/**
 * A program's runtime jars by Maven coordinates, resolved with Maven's own resolver from the repositories of the
 * user's settings.xml (mirrors, proxies and offline mode honoured) into the local repository: how the local backend
 * gets the Cassandra server and the printerfacts app without either being on the harness's classpath.
 */
final class MavenArtifacts {

    private MavenArtifacts() {
    }

    /** The jar of {@code coordinates} ({@code group:artifact:version}) and those of its runtime dependencies. */
    static List<Path> runtimeJars(String coordinates, ContextOverrides maven) throws DependencyResolutionException {
        try (Context context = Runtimes.INSTANCE.getRuntime().create(maven)) {
            CollectRequest collect = new CollectRequest(new Dependency(new DefaultArtifact(coordinates), JavaScopes.RUNTIME),
                    context.remoteRepositories());
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            return context.repositorySystem().resolveDependencies(context.repositorySystemSession(), request)
                    .getArtifactResults().stream().map(ArtifactResult::getArtifact)
                    .filter(a -> a.getFile() != null && a.getFile().getName().endsWith(".jar"))
                    .map(a -> a.getFile().toPath()).toList();
        }
    }

    /** The first line of the innermost cause: what the resolver actually could not do. */
    static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }
}
