package dev.faultline.cluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.cluster.Topology;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the kube backend refuses before it makes anything, each in one line. */
@EnableKubernetesMockClient(crud = true)
class KubeconfigBackendTest {

    KubernetesClient client;

    /** Issue 25, defect 9: a file that is no kubeconfig is bad input, not an internal fault. */
    @Test
    void aMalformedKubeconfigIsBadInputNamedInOneLine(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nclusters: [{name: c, cluster: {server: \n");
        KubeconfigBackend backend = new KubeconfigBackend(Optional.of(broken), "x", false);

        assertThatThrownBy(backend::config).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--kubeconfig " + broken + ": not a kubeconfig (")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> backend.check(Topology.defaults())).isInstanceOf(IllegalArgumentException.class);
    }

    /** Issue 25, defect 6: the required anti-affinity needs a usable worker per Cassandra node; fewer is refused up front. */
    @Test
    void fewerUsableWorkersThanNodesAreRefusedNamingTheOnesThereAre(@TempDir Path dir) throws Exception {
        worker("control-plane", false, true, "NoSchedule");
        worker("worker-a", false, true, null);
        worker("worker-b", true, true, null);
        worker("worker-c", false, false, null);
        worker("worker-d", false, true, "PreferNoSchedule");
        KubeconfigBackend backend = new KubeconfigBackend(Optional.of(kubeconfigOfThisServer(dir)), "mock", false);

        assertThatThrownBy(() -> backend.check(new Topology(3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("3 Cassandra nodes need 3 schedulable workers (one each: required anti-affinity), and the cluster "
                        + "has 2 Ready, uncordoned and untainted [worker-a, worker-d]; add or uncordon workers, or run fewer nodes");
        backend.check(new Topology(2, 2));
    }

    /** A kubeconfig whose context "mock" is the mock API server (its certificate is its own, hence no TLS check). */
    private Path kubeconfigOfThisServer(Path dir) throws Exception {
        return Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: m, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: mock, context: {cluster: m, user: u}}]
                current-context: mock
                """.formatted(client.getMasterUrl().toString().replaceAll("/$", "")));
    }

    private void worker(String name, boolean cordoned, boolean ready, String taint) {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withUnschedulable(cordoned).endSpec().withNewStatus().addNewCondition().withType("Ready")
                .withStatus(ready ? "True" : "False").endCondition().endStatus();
        if (taint != null) {
            node.editSpec().addNewTaint().withKey("example").withEffect(taint).endTaint().endSpec();
        }
        client.nodes().resource(node.build()).create();
    }

    /** Issue 25, defect 10: cassandra.yaml's settings are 4.1's; older releases are refused on both Kubernetes backends. */
    @Test
    void releasesBefore41AreRefusedOnKubernetes(@TempDir Path dir) {
        for (String version : new String[] {"4.0.17", "3.11.19"}) {
            assertThatThrownBy(() -> new K3sBackend(false).check(new Topology(3, 2, version)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Cassandra " + version + " cannot run on the Kubernetes backends: the nodes' settings use "
                            + "cassandra.yaml's names of 4.1 and later; allowed: 4.1 or later");
        }
        new K3sBackend(false).check(new Topology(3, 2, "4.1.10"));
        new K3sBackend(false).check(new Topology(3, 2, "5.0.6"));
    }
}
