package dev.faultline.cluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The k3s server's command line, which Docker alone would run, and what the backend does before and after it. */
@EnableKubernetesMockClient(crud = true)
class K3sBackendTest {

    KubernetesClient client;

    @Test
    void theServerIsTaintedSoNoWorkloadPodRunsThere() {
        assertThat(K3sBackend.serverCommand("localhost")).containsExactly("server", "--disable=traefik",
                "--tls-san=localhost", "--tls-san=k3s-server", "--node-taint=node-role.kubernetes.io/control-plane:NoSchedule");
    }

    /** Issue 25, defect 7: a stopped agent must not take DNS (Cassandra finds its seeds by name) or the volumes' provisioner. */
    @Test
    void theAddOnsArePinnedToTheServerWhichNoFaultStops() {
        for (String name : new String[] {"coredns", "local-path-provisioner"}) {
            client.apps().deployments().inNamespace("kube-system").resource(new DeploymentBuilder().withNewMetadata()
                    .withName(name).endMetadata().withNewSpec().withNewTemplate().withNewSpec().addNewToleration()
                    .withKey("CriticalAddonsOnly").withOperator("Exists").endToleration().endSpec().endTemplate().endSpec()
                    .build()).create();
        }

        K3sBackend.keepAddOnsOnServer(client);

        for (String name : new String[] {"coredns", "local-path-provisioner"}) {
            var pod = client.apps().deployments().inNamespace("kube-system").withName(name).get().getSpec().getTemplate().getSpec();
            assertThat(pod.getNodeSelector()).as(name).containsEntry("kubernetes.io/hostname", K3sBackend.SERVER);
            assertThat(pod.getTolerations()).as(name + " tolerates the server's taint")
                    .anyMatch(t -> t.getKey().equals("node-role.kubernetes.io/control-plane") && t.getEffect().equals("NoSchedule"));
        }
    }

    /** Issue 25, defect 10: with no Docker endpoint named anywhere the answer is no at once, before Testcontainers logs a line. */
    @Test
    void noDockerEndpointIsKnownWithoutAskingTestcontainers(@TempDir Path home) throws Exception {
        assertThat(K3sBackend.dockerEndpointNamed(Map.of(), home)).isEqualTo(Files.exists(Path.of("/var/run/docker.sock")));
        assertThat(K3sBackend.dockerEndpointNamed(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), home)).isTrue();
        Files.createDirectories(home.resolve(".docker/run"));
        Files.createFile(home.resolve(".docker/run/docker.sock"));
        assertThat(K3sBackend.dockerEndpointNamed(Map.of(), home)).isTrue();
    }
}
