package dev.faultline.junit;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;
import java.util.Optional;

/**
 * Runs test classes so that every class of one cluster shape follows the others of that shape, and they share one
 * cluster: each start costs seconds of both cores. First the classes without {@link CassandraCluster} (they start
 * whatever they need themselves, before any shared cluster is up), then by backend, nodes, replication factor and
 * release, a shape's {@code fresh} classes after its shared ones, and by name within each. Turn it on in
 * {@code src/test/resources/junit-platform.properties}:
 * {@code junit.jupiter.testclass.order.default=dev.faultline.junit.ClusterShapeOrder}.
 */
public final class ClusterShapeOrder implements ClassOrderer {

    private static final Comparator<ClassDescriptor> ORDER = Comparator
            .comparing((ClassDescriptor c) -> shape(c).isPresent())
            .thenComparing(c -> shape(c).map(s -> s.backend().getName()).orElse(""))
            .thenComparingInt(c -> shape(c).map(CassandraCluster::nodes).orElse(0))
            .thenComparingInt(c -> shape(c).map(CassandraCluster::replicationFactor).orElse(0))
            .thenComparing(c -> shape(c).map(CassandraCluster::version).orElse(""))
            .thenComparing(c -> shape(c).map(CassandraCluster::fresh).orElse(false))
            .thenComparing(c -> c.getTestClass().getName());

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(ORDER);
    }

    private static Optional<CassandraCluster> shape(ClassDescriptor descriptor) {
        return descriptor.findAnnotation(CassandraCluster.class);
    }
}
