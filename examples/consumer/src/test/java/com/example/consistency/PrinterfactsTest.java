package com.example.consistency;

import dev.faultline.cluster.Cluster;
import dev.faultline.cluster.PrinterfactsReplicas;
import dev.faultline.junit.CassandraCluster;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static dev.faultline.junit.FaultlineAssertions.assertThat;
import static dev.faultline.junit.FaultlineAssertions.assertThatThrownBy;

/**
 * printerfacts runs next to the cluster's nodes from this project alone: the app is not on this class path, so
 * the local backend resolves it by Faultline's version from the Maven repositories, as it does Cassandra.
 */
@CassandraCluster(nodes = 2, replicationFactor = 2)
class PrinterfactsTest {

    Cluster cluster;

    @Test
    void aReplicaServesASeedFactFromTheCluster() throws Exception {
        try (PrinterfactsReplicas app = cluster.printerfacts(1)) {
            assertThat(app.urls()).hasSize(2);
            HttpResponse<String> fact = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(app.urls().get(0).resolve("/fact")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fact.statusCode()).isEqualTo(200);
            assertThat(fact.body()).contains("\"fact\"");
        }
    }

    @Test
    void theAppIsNotOnThisClassPath() {
        assertThatThrownBy(() -> Class.forName("dev.faultline.printerfacts.PrinterfactsServer"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
