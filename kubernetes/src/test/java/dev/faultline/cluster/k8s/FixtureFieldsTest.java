package dev.faultline.cluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.faultline.cluster.Topology;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A misspelt field in a manifest is not an error to fabric8 (it lands in the object's additionalProperties) and the
 * API server drops it silently, so a mistyped {@code startupProbe} or {@code podManagementPolicy} would simply not
 * be there. This walks every typed object of k8s-fixtures/ and fails on any field the Kubernetes model does not know.
 */
class FixtureFieldsTest {

    @Test
    void noManifestInTheFixturesHasAFieldKubernetesDoesNotKnow() {
        List<String> unknown = new ArrayList<>();
        Fixtures.load(Fixtures.directory(), Topology.defaults())
                .forEach(object -> walk(object, object.getKind() + "/" + object.getMetadata().getName(), unknown));
        assertThat(unknown).isEmpty();
    }

    @Test
    void theWalkFindsAMisspeltField() {
        var set = Fixtures.load(Fixtures.directory(), Topology.defaults()).stream()
                .filter(o -> o instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet).findFirst().orElseThrow();
        ((io.fabric8.kubernetes.api.model.apps.StatefulSet) set).getSpec().setAdditionalProperty("podManagmentPolicy", "OrderedReady");
        List<String> unknown = new ArrayList<>();
        walk(set, "StatefulSet/cassandra", unknown);
        assertThat(unknown).containsExactly("StatefulSet/cassandra.spec: podManagmentPolicy");
    }

    /** kind's config is no Kubernetes object: its keys are checked against kind's v1alpha4 Cluster and Node. */
    @Test
    void theKindConfigUsesOnlyKindsFields() throws Exception {
        JsonNode kind = new ObjectMapper(new YAMLFactory()).readTree(Fixtures.directory().resolve("kind-cluster.yaml").toFile());
        Set<String> cluster = Set.of("kind", "apiVersion", "name", "nodes", "networking", "featureGates", "runtimeConfig",
                "kubeadmConfigPatches", "kubeadmConfigPatchesJSON6902", "containerdConfigPatches", "containerdConfigPatchesJSON6902");
        Set<String> node = Set.of("role", "image", "labels", "extraMounts", "extraPortMappings", "kubeadmConfigPatches",
                "kubeadmConfigPatchesJSON6902");
        kind.fieldNames().forEachRemaining(f -> assertThat(cluster).as("kind Cluster field").contains(f));
        kind.get("nodes").forEach(n -> n.fieldNames().forEachRemaining(f -> assertThat(node).as("kind Node field").contains(f)));
    }

    private static void walk(Object value, String path, List<String> unknown) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Enum) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "[" + k + "]", unknown));
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot read " + path + "." + getter.getName(), e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) field).keySet().forEach(k -> unknown.add(path + ": " + k));
            } else {
                String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                walk(field, path + "." + name, unknown);
            }
        }
    }
}
