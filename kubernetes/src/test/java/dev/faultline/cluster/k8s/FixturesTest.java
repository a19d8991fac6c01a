package dev.faultline.cluster.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.cluster.Topology;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** k8s-fixtures/ shaped to a topology and applied into a run's namespace of the mock API server (CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class FixturesTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private static final String NS = "faultline-kfix01";

    @Test
    void theFixturesApplyIntoTheRunNamespaceInOrderShapedToTheTopology() throws InterruptedException {
        List<HasMetadata> objects = Fixtures.load(Fixtures.directory(), new Topology(5, 3, "4.1.10"));

        Fixtures.apply(client, NS, objects);

        List<String> posts = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            posts.add(request.getMethod() + " " + request.getPath());
        }
        assertThat(posts).containsExactly(
                "POST /api/v1/namespaces/" + NS + "/configmaps",
                "POST /api/v1/namespaces/" + NS + "/services",
                "POST /apis/apps/v1/namespaces/" + NS + "/statefulsets",
                "POST /apis/batch/v1/namespaces/" + NS + "/jobs",
                "POST /apis/apps/v1/namespaces/" + NS + "/deployments",
                "POST /api/v1/namespaces/" + NS + "/services");
        var cassandra = client.apps().statefulSets().inNamespace(NS).withName("cassandra").get();
        assertThat(cassandra.getSpec().getReplicas()).isEqualTo(5);
        assertThat(cassandra.getSpec().getTemplate().getSpec().getContainers())
                .filteredOn(c -> c.getName().equals("cassandra")).extracting(c -> c.getImage())
                .containsExactly("cassandra:4.1.10");
        var job = client.batch().v1().jobs().inNamespace(NS).withName("printerfacts-migrations").get();
        List<String> args = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertThat(args.get(args.indexOf("--replication-factor") + 1)).isEqualTo("3");
        assertThat(client.services().inNamespace(NS).list().getItems()).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("cassandra", "printerfacts");
        assertThat(client.apps().deployments().inNamespace(NS).withName("printerfacts").get()).isNotNull();
    }

    /**
     * Issue 25, defect 1: Parallel, so no NotReady pod holds back another's recreation, and a readiness probe no fault
     * of the harness flips: the process the wrapper started, the same command {@link ClusterSimulator} runs as the
     * kubelet would.
     */
    @Test
    void cassandraPodsStartInParallelAndAreReadyWhileTheirProcessLives() {
        var set = (io.fabric8.kubernetes.api.model.apps.StatefulSet) Fixtures.load(Fixtures.directory(), new Topology(3, 2))
                .stream().filter(o -> o.getMetadata().getName().equals("cassandra")
                        && o instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet).findFirst().orElseThrow();
        assertThat(set.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        var probe = Fixtures.cassandraPodSpec(List.of(set)).getContainers().stream().filter(c -> c.getName().equals("cassandra"))
                .findFirst().orElseThrow().getReadinessProbe();
        assertThat(probe.getTcpSocket()).isNull();
        assertThat(probe.getHttpGet()).isNull();
        assertThat(probe.getExec().getCommand()).isEqualTo(CassandraProcess.READY);
    }

    @Test
    void readyOnlyOnceCassandraIsReadyPrinterfactsAvailableAndTheSchemaMigrated() {
        Topology topology = new Topology(3, 2);
        Fixtures.apply(client, NS, Fixtures.load(Fixtures.directory(), topology));
        assertThat(Fixtures.ready(client, NS, topology)).isFalse();

        var cassandra = client.apps().statefulSets().inNamespace(NS).withName("cassandra");
        cassandra.updateStatus(new StatefulSetBuilder(cassandra.get()).withNewStatus().withReplicas(3).withReadyReplicas(3).endStatus().build());
        var printerfacts = client.apps().deployments().inNamespace(NS).withName("printerfacts");
        printerfacts.updateStatus(new DeploymentBuilder(printerfacts.get()).withNewStatus()
                .addNewCondition().withType("Available").withStatus("True").endCondition().endStatus().build());
        assertThat(Fixtures.ready(client, NS, topology)).as("the migrations Job has not succeeded yet").isFalse();

        var job = client.batch().v1().jobs().inNamespace(NS).withName("printerfacts-migrations");
        job.updateStatus(new JobBuilder(job.get()).withNewStatus().withSucceeded(1).endStatus().build());
        assertThat(Fixtures.ready(client, NS, topology)).isTrue();

        cassandra.updateStatus(new StatefulSetBuilder(cassandra.get()).withNewStatus().withReplicas(3).withReadyReplicas(2).endStatus().build());
        assertThat(Fixtures.ready(client, NS, topology)).isFalse();
    }
}
