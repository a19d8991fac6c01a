package dev.faultline.cluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The k3s server's command line, which Docker alone would run. */
class K3sBackendTest {

    @Test
    void theServerIsTaintedSoNoWorkloadPodRunsThere() {
        assertThat(K3sBackend.serverCommand("localhost")).containsExactly("server", "--disable=traefik",
                "--tls-san=localhost", "--tls-san=k3s-server", "--node-taint=node-role.kubernetes.io/control-plane:NoSchedule");
    }
}
