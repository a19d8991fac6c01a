package dev.faultline.junit;

import dev.faultline.cluster.Cluster;
import dev.faultline.cluster.Topology;
import dev.faultline.cluster.local.LocalCluster;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;

import java.lang.reflect.Field;

/** Starts, shares, heals and resets the cluster described by {@link CassandraCluster}. */
public final class CassandraClusterExtension
        implements BeforeAllCallback, AfterEachCallback, ParameterResolver, TestInstancePostProcessor {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CassandraClusterExtension.class);
    private static final String CLASS_KEY = "cluster";

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
        LocalCluster old = entry.cluster();
        System.err.println("faultline: the shared cluster " + old.runId() + " could not be reset for "
                + context.getRequiredTestClass().getSimpleName() + " (" + why.getMessage() + "); starting a new one");
        old.close();
        LocalCluster fresh = LocalCluster.topology(old.topology()).start();
        context.getRoot().getStore(NAMESPACE).put(old.topology(), fresh);
        classContext(context, context.getRequiredTestClass()).getStore(NAMESPACE)
                .put(CLASS_KEY, new ClassCluster(fresh, true, false));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        classCluster(context).cluster().healAll();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Cluster.class || type == LocalCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return classCluster(context).cluster();
    }

    /** Fills every instance field declared as {@link Cluster} or {@link LocalCluster}. */
    @Override
    public void postProcessTestInstance(Object instance, ExtensionContext context) throws IllegalAccessException {
        for (Field field : ReflectionSupport.findFields(instance.getClass(),
                f -> !ModifierSupport.isStatic(f) && (f.getType() == Cluster.class || f.getType() == LocalCluster.class),
                HierarchyTraversalMode.TOP_DOWN)) {
            field.setAccessible(true);
            field.set(instance, classCluster(context).cluster());
        }
    }

    /** The class's view of its cluster; closing it closes the cluster only if the class owns it. */
    private record ClassCluster(LocalCluster cluster, boolean shared, boolean firstUse) implements AutoCloseable {
        @Override
        public void close() {
            if (!shared) {
                cluster.close();
            }
        }
    }

    /** The class-level entry: its own cluster, or the JVM-wide one for this topology, started on first use. */
    private static ClassCluster classCluster(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        ExtensionContext classContext = classContext(context, testClass);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(CLASS_KEY, key -> {
            CassandraCluster spec = AnnotationSupport.findAnnotation(testClass, CassandraCluster.class)
                    .orElseThrow(() -> new ExtensionConfigurationException(testClass.getName() + " lacks @CassandraCluster"));
            Topology topology = new Topology(spec.nodes(), spec.replicationFactor());
            if (spec.fresh()) {
                return new ClassCluster(LocalCluster.topology(topology).start(), false, true);
            }
            ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
            boolean[] started = {false};
            LocalCluster shared = root.getOrComputeIfAbsent(topology, t -> {
                started[0] = true;
                return LocalCluster.topology(topology).start();
            }, LocalCluster.class);
            return new ClassCluster(shared, true, started[0]);
        }, ClassCluster.class);
    }

    private static ExtensionContext classContext(ExtensionContext context, Class<?> testClass) {
        ExtensionContext current = context;
        while (current.getParent().isPresent() && current.getTestMethod().isPresent()) {
            current = current.getParent().get();
        }
        return current.getTestClass().filter(testClass::equals).isPresent() ? current : context;
    }
}
