package dev.faultline.printerfacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.faultline.cli.Faultline;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import picocli.CommandLine.ParseResult;

/**
 * The manifests in k8s-fixtures/ cannot run here, so this parses every one into typed Kubernetes
 * objects and checks that the pieces fit: selectors, ports, probes against the app's real routes,
 * container arguments against the real CLI, the image against the Jib configuration, and the
 * migration's replication factor against the Cassandra StatefulSet.
 */
class K8sFixturesTest {

    private static final Path FIXTURES = Path.of("k8s-fixtures");
    private static final List<HasMetadata> objects = new ArrayList<>();

    @BeforeAll
    static void parseEveryManifest() throws IOException {
        KubernetesSerialization serialization = new KubernetesSerialization();
        try (Stream<Path> files = Files.list(FIXTURES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (file.getFileName().toString().equals("kind-cluster.yaml")) {
                    continue; // a kind config, not a Kubernetes object: checked on its own below
                }
                try (InputStream in = Files.newInputStream(file)) {
                    Object parsed = serialization.unmarshal(in);
                    if (parsed instanceof List<?> list) {
                        list.forEach(o -> objects.add((HasMetadata) o));
                    } else {
                        objects.add((HasMetadata) parsed);
                    }
                }
            }
        }
    }

    private static <T extends HasMetadata> T the(Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name + " in " + FIXTURES));
    }

    @Test
    void everyManifestParsesIntoTypedObjects() {
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .containsExactlyInAnyOrder("Service/cassandra", "StatefulSet/cassandra", "Deployment/printerfacts",
                        "Service/printerfacts", "Job/printerfacts-migrations");
        assertThat(objects).allSatisfy(o -> assertThat(o.getClass().getPackageName()).startsWith("io.fabric8.kubernetes.api.model"));
    }

    @Test
    void servicesSelectTheirPodsAndTargetRealContainerPorts() {
        Deployment app = the(Deployment.class, "printerfacts");
        StatefulSet cassandra = the(StatefulSet.class, "cassandra");
        assertSelects(app.getSpec().getSelector().getMatchLabels(), app.getSpec().getTemplate());
        assertSelects(cassandra.getSpec().getSelector().getMatchLabels(), cassandra.getSpec().getTemplate());

        Service appService = the(Service.class, "printerfacts");
        assertSelects(appService.getSpec().getSelector(), app.getSpec().getTemplate());
        assertTargetsContainerPorts(appService, container(app.getSpec().getTemplate()));

        Service headless = the(Service.class, "cassandra");
        assertThat(headless.getSpec().getClusterIP()).as("headless").isEqualTo("None");
        assertThat(cassandra.getSpec().getServiceName()).isEqualTo(headless.getMetadata().getName());
        assertSelects(headless.getSpec().getSelector(), cassandra.getSpec().getTemplate());
        assertTargetsContainerPorts(headless, container(cassandra.getSpec().getTemplate()));
    }

    @Test
    void printerfactsIsSpreadAcrossNodesAndCassandraIsReadyWhileItsProcessLives() {
        Deployment app = the(Deployment.class, "printerfacts");
        assertThat(app.getSpec().getReplicas()).isGreaterThan(1);
        var preferred = app.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution();
        assertThat(preferred).singleElement().satisfies(term -> {
            assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(term.getPodAffinityTerm().getLabelSelector().getMatchLabels())
                    .isEqualTo(app.getSpec().getTemplate().getMetadata().getLabels());
        });
        // no port: a fault's DROP rule on the CQL port would take the kubelet's probe with it (issue 25)
        Container cassandra = container(the(StatefulSet.class, "cassandra").getSpec().getTemplate());
        assertThat(cassandra.getReadinessProbe().getTcpSocket()).isNull();
        assertThat(cassandra.getReadinessProbe().getExec().getCommand()).containsExactly("bash", "-c",
                "kill -0 \"$(cat /tmp/cassandra.pid)\"");
    }

    /** Probes must hit real routes: liveness answers without Cassandra, readiness says it is missing. */
    @Test
    void probesPointAtTheServersRealEndpoints() throws IOException {
        Container container = container(the(Deployment.class, "printerfacts").getSpec().getTemplate());
        HTTPGetAction liveness = container.getLivenessProbe().getHttpGet();
        HTTPGetAction readiness = container.getReadinessProbe().getHttpGet();
        ParseResult serve = cli(container.getArgs()).subcommand().subcommand();
        assertThat(serve.commandSpec().name()).isEqualTo("serve");
        int servePort = serve.matchedOptionValue("--port", 8080);
        assertThat(portNumber(container, liveness.getPort())).isEqualTo(servePort);
        assertThat(portNumber(container, readiness.getPort())).isEqualTo(servePort);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (CassandraConnection noCassandra = CassandraConnection.start(
                        List.of(new InetSocketAddress("127.0.0.1", closedPort)), "datacenter1");
                PrinterfactsServer server = PrinterfactsServer.start(new ServerSettings("127.0.0.1", 0, "n", "r", false,
                        DefaultConsistencyLevel.ONE, DefaultConsistencyLevel.LOCAL_QUORUM, 1024), noCassandra)) {
            HttpCalls http = new HttpCalls();
            URI base = URI.create("http://127.0.0.1:" + server.port());
            assertThat(http.get(base.resolve(liveness.getPath())).status())
                    .as("liveness must not depend on Cassandra, or an outage would restart every pod").isEqualTo(200);
            HttpCalls.Reply ready = http.get(base.resolve(readiness.getPath()));
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.error()).as("a real route that reports Cassandra missing").isEqualTo("not_ready");
        }
    }

    @Test
    void theAppAndTheJobRunTheRealCommandsAgainstTheCassandraService() {
        Container serve = container(the(Deployment.class, "printerfacts").getSpec().getTemplate());
        Container migrate = container(the(Job.class, "printerfacts-migrations").getSpec().getTemplate());
        ParseResult migration = cli(migrate.getArgs()).subcommand().subcommand();
        assertThat(migration.commandSpec().name()).isEqualTo("migrate");

        Service headless = the(Service.class, "cassandra");
        int cqlPort = headless.getSpec().getPorts().stream().filter(p -> p.getName().equals("cql")).findFirst()
                .orElseThrow().getPort();
        for (Container container : List.of(serve, migrate)) {
            List<InetSocketAddress> contactPoints = cli(container.getArgs()).subcommand().subcommand()
                    .matchedOptionValue("--contact-point", List.of());
            assertThat(contactPoints).as(container.getName()).isNotEmpty().allSatisfy(a -> {
                assertThat(a.getHostString()).isEqualTo(headless.getMetadata().getName());
                assertThat(a.getPort()).isEqualTo(cqlPort);
            });
            assertThat(container.getImage()).isEqualTo(jibImage());
        }
        Map<String, String> env = envOf(serve);
        Operation.READ.parseLevel(env.get("PRINTERFACTS_READ_CL"), "PRINTERFACTS_READ_CL");
        Operation.WRITE.parseLevel(env.get("PRINTERFACTS_WRITE_CL"), "PRINTERFACTS_WRITE_CL");
    }

    @Test
    void theMigrationsReplicationFitsTheCassandraStatefulSet() {
        ParseResult migration = cli(container(the(Job.class, "printerfacts-migrations").getSpec().getTemplate())
                .getArgs()).subcommand().subcommand();
        int replicationFactor = migration.matchedOptionValue("--replication-factor", 2);
        String datacenter = migration.matchedOptionValue("--datacenter", "datacenter1");
        StatefulSet cassandra = the(StatefulSet.class, "cassandra");
        assertThat(replicationFactor).isEqualTo(2);
        assertThat(cassandra.getSpec().getReplicas())
                .as("more pods than replicas per key, so a key can lose one pod").isGreaterThan(replicationFactor);
        assertThat(envOf(container(cassandra.getSpec().getTemplate())).get("CASSANDRA_DC")).isEqualTo(datacenter);
        String serveDatacenter = cli(container(the(Deployment.class, "printerfacts").getSpec().getTemplate()).getArgs())
                .subcommand().subcommand().matchedOptionValue("--datacenter", "datacenter1");
        assertThat(serveDatacenter).isEqualTo(datacenter);
    }

    @Test
    void theKindClusterHasOneControlPlaneAndFourWorkers() throws IOException {
        JsonNode kind = new ObjectMapper(new YAMLFactory()).readTree(FIXTURES.resolve("kind-cluster.yaml").toFile());
        assertThat(kind.get("kind").asText()).isEqualTo("Cluster");
        assertThat(kind.get("apiVersion").asText()).isEqualTo("kind.x-k8s.io/v1alpha4");
        List<String> roles = new ArrayList<>();
        kind.get("nodes").forEach(n -> roles.add(n.get("role").asText()));
        assertThat(roles).containsExactly("control-plane", "worker", "worker", "worker", "worker");
        assertThat(roles.stream().filter("worker"::equals).count())
                .as("room for the Cassandra pods on distinct workers")
                .isGreaterThanOrEqualTo(the(StatefulSet.class, "cassandra").getSpec().getReplicas());
    }

    private static ParseResult cli(List<String> args) {
        return Faultline.commandLine().parseArgs(args.toArray(String[]::new));
    }

    /** The image Jib builds, from cli/pom.xml: {@code <to><image>} and its first tag. */
    private static String jibImage() {
        try {
            var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("cli", "pom.xml").toFile());
            var plugins = pom.getElementsByTagName("plugin");
            for (int i = 0; i < plugins.getLength(); i++) {
                Element plugin = (Element) plugins.item(i);
                if (plugin.getElementsByTagName("artifactId").item(0).getTextContent().equals("jib-maven-plugin")) {
                    Element to = (Element) plugin.getElementsByTagName("to").item(0);
                    String tag = to.getElementsByTagName("tag").item(0).getTextContent()
                            .replace("${project.version}", pom.getElementsByTagName("version").item(0).getTextContent());
                    return to.getElementsByTagName("image").item(0).getTextContent() + ":" + tag;
                }
            }
        } catch (Exception e) {
            throw new AssertionError("cannot read the Jib configuration from cli/pom.xml", e);
        }
        throw new AssertionError("cli/pom.xml has no jib-maven-plugin");
    }

    /** The pod's own container, the first; the only other one allowed is Cassandra's iptables sidecar. */
    private static Container container(PodTemplateSpec template) {
        List<Container> containers = template.getSpec().getContainers();
        assertThat(containers.subList(1, containers.size())).extracting(Container::getName).allMatch("faultline-net"::equals);
        return containers.get(0);
    }

    private static Map<String, String> envOf(Container container) {
        Map<String, String> env = new java.util.HashMap<>();
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue());
        }
        return env;
    }

    private static void assertSelects(Map<String, String> selector, PodTemplateSpec template) {
        assertThat(selector).isNotEmpty();
        assertThat(template.getMetadata().getLabels()).containsAllEntriesOf(selector);
    }

    private static void assertTargetsContainerPorts(Service service, Container container) {
        for (ServicePort port : service.getSpec().getPorts()) {
            IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
            assertThat(portNumber(container, target)).as(service.getMetadata().getName() + " port " + port.getName()).isPositive();
        }
    }

    /** The container port a probe or Service names (by name or number); fails when there is none. */
    private static int portNumber(Container container, IntOrString port) {
        return container.getPorts().stream()
                .filter(p -> port.getStrVal() != null ? port.getStrVal().equals(p.getName())
                        : port.getIntVal().equals(p.getContainerPort()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("container " + container.getName() + " has no port " + port));
    }
}
