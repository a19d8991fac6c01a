package dev.faultline.junit;

import dev.faultline.cluster.Cluster;
import dev.faultline.cluster.ClusterBackend;
import dev.faultline.cluster.StartOptions;
import dev.faultline.cluster.Topology;
import dev.faultline.run.Faultline;
import dev.faultline.run.ProgressLog;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Starts, shares, heals and resets the cluster described by {@link CassandraCluster}, through its
 * {@link ClusterBackend} alone: the extension knows no backend by name. A cluster's node files (logs) go under
 * the build's output, {@code target/faultline/clusters/<class>-<time>/}, and its start reports progress to
 * {@link ProgressLog}; a test method's {@link Faultline} parameter writes its runs to
 * {@code target/faultline/<class>/<method>/}, with a link to the node logs beside them.
 */
public final class CassandraClusterExtension
        implements BeforeAllCallback, AfterEachCallback, ParameterResolver, TestInstancePostProcessor {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CassandraClusterExtension.class);
    private static final String CLASS_KEY = "cluster";
    private static final String SHARED_KEY = "shared";

    /** What classes share a cluster by: its backend and topology (the Cassandra version included). */
    private record SharedKey(Class<? extends ClusterBackend> backend, Topology topology) {
    }

    /**
     * The one shared cluster, in the root store; JUnit closes it when the run ends. There is one at a time: a few
     * cores bear one Cassandra cluster, and an idle one still gossips, compacts and holds its heap.
     */
    private record Shared(SharedKey key, Cluster cluster, Path folder) implements AutoCloseable {
        @Override
        public void close() {
            cluster.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ClassCluster entry = classCluster(context);
        if (entry.shared() && !entry.firstUse()) {
            // A shared cluster arrives from the previous class: clean it instead of rebooting (seconds, not ~25 s).
            try {
                entry.cluster().healAll();
                entry.cluster().resetData();
            } catch (RuntimeException e) {
                replace(context, entry, e);
            }
        }
    }

    /**
     * A previous class can leave the shared cluster unable to heal or agree on its schema (seen after
     * many kills and restarts); this class must not fail for that, so it gets a new shared cluster.
     */
    private static void replace(ExtensionContext context, ClassCluster entry, RuntimeException why) {
        Cluster old = entry.cluster();
        System.err.println("faultline: the shared cluster " + old.runId() + " could not be reset for "
                + context.getRequiredTestClass().getSimpleName() + " (" + why.getMessage() + "); starting a new one");
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        root.remove(SHARED_KEY, Shared.class);
        old.close();
        Shared fresh = start(entry.key(), context.getRequiredTestClass());
        root.put(SHARED_KEY, fresh);
        classContext(context, context.getRequiredTestClass()).getStore(NAMESPACE)
                .put(CLASS_KEY, new ClassCluster(fresh.cluster(), entry.key(), true, false, fresh.folder()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        classCluster(context).cluster().healAll();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == Faultline.class) {
            return context.getTestMethod().isPresent();
        }
        return Cluster.class.isAssignableFrom(type) && type.isInstance(classCluster(context).cluster());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ClassCluster entry = classCluster(context);
        if (parameter.getParameter().getType() == Faultline.class) {
            Path folder = Faultline.DEFAULT_ROOT.resolve(context.getRequiredTestClass().getSimpleName())
                    .resolve(context.getRequiredTestMethod().getName());
            return Faultline.on(entry.cluster()).into(folder).nodeLogs(entry.folder().resolve("nodes"));
        }
        return entry.cluster();
    }

    /** Fills every instance field declared as {@link Cluster} or as the backend's own cluster type. */
    @Override
    public void postProcessTestInstance(Object instance, ExtensionContext context) throws IllegalAccessException {
        Cluster cluster = classCluster(context).cluster();
        for (Field field : ReflectionSupport.findFields(instance.getClass(),
                f -> !ModifierSupport.isStatic(f) && Cluster.class.isAssignableFrom(f.getType()) && f.getType().isInstance(cluster),
                HierarchyTraversalMode.TOP_DOWN)) {
            field.setAccessible(true);
            field.set(instance, cluster);
        }
    }

    /**
     * The class's view of its cluster and the folder its node files are in; closing it closes the cluster only if
     * the class owns it.
     */
    private record ClassCluster(Cluster cluster, SharedKey key, boolean shared, boolean firstUse, Path folder)
            implements AutoCloseable {
        @Override
        public void close() {
            if (!shared) {
                cluster.close();
            }
        }
    }

    /**
     * The class-level entry: its own cluster, or the shared one if it is of this backend and topology, else a new
     * shared one. Either way a shared cluster of another kind is closed first.
     */
    private static ClassCluster classCluster(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        ExtensionContext classContext = classContext(context, testClass);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(CLASS_KEY, k -> {
            CassandraCluster spec = AnnotationSupport.findAnnotation(testClass, CassandraCluster.class)
                    .orElseThrow(() -> new ExtensionConfigurationException(testClass.getName() + " lacks @CassandraCluster"));
            Topology topology;
            try {
                topology = new Topology(spec.nodes(), spec.replicationFactor(), spec.version());
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("@CassandraCluster on " + testClass.getName() + ": " + e.getMessage());
            }
            SharedKey key = new SharedKey(spec.backend(), topology);
            ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
            Shared current = root.get(SHARED_KEY, Shared.class);
            if (current != null && current.key().equals(key) && !spec.fresh()) {
                return new ClassCluster(current.cluster(), key, true, false, current.folder());
            }
            if (current != null) {
                root.remove(SHARED_KEY, Shared.class);
                current.close();
            }
            if (spec.fresh()) {
                Shared own = start(key, testClass);
                return new ClassCluster(own.cluster(), key, false, true, own.folder());
            }
            Shared started = start(key, testClass);
            root.put(SHARED_KEY, started);
            return new ClassCluster(started.cluster(), key, true, true, started.folder());
        }, ClassCluster.class);
    }

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Starts a cluster for {@code testClass}, its node files under the build's output and its progress told. */
    private static Shared start(SharedKey key, Class<?> testClass) {
        Path folder = Faultline.DEFAULT_ROOT.resolve("clusters")
                .resolve(testClass.getSimpleName() + "-" + STARTED.format(LocalDateTime.now()));
        ProgressLog.line("starting a cluster of " + key.topology().nodes() + " nodes (Cassandra "
                + key.topology().cassandraVersion() + ") for " + testClass.getSimpleName() + "; node logs in "
                + folder.toAbsolutePath());
        StartOptions options = StartOptions.DEFAULTS.inRunDirectory(folder).reportingTo(ProgressLog.listener());
        return new Shared(key, backend(key.backend()).start(key.topology(), options), folder);
    }

    private static ClusterBackend backend(Class<? extends ClusterBackend> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ExtensionConfigurationException("@CassandraCluster(backend = " + type.getSimpleName()
                    + "): the backend needs a public no-argument constructor", e);
        }
    }

    private static ExtensionContext classContext(ExtensionContext context, Class<?> testClass) {
        ExtensionContext current = context;
        while (current.getParent().isPresent() && current.getTestMethod().isPresent()) {
            current = current.getParent().get();
        }
        return current.getTestClass().filter(testClass::equals).isPresent() ? current : context;
    }
}
