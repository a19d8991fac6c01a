package dev.faultline.cluster.k8s;

import static org.awaitility.Awaitility.await;

import dev.faultline.cluster.Capability;
import dev.faultline.cluster.ClusterBackend;
import dev.faultline.cluster.StartOptions;
import dev.faultline.cluster.Topology;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A throwaway Kubernetes cluster in Docker: one k3s server and {@code agents} k3s agents joined to it with a shared
 * token on a Docker network of their own, so there are machines to drain and stop. The printerfacts image built by
 * Jib ({@code jib:buildTar}) is imported into every node's containerd, then everything runs as on any cluster.
 */
public final class K3sBackend implements ClusterBackend {

    public static final String NAME = "k3s";
    public static final DockerImageName K3S_IMAGE = DockerImageName.parse("rancher/k3s:v1.31.5-k3s1");
    public static final int DEFAULT_AGENTS = 3;
    static final String SERVER = "k3s-server";
    static final String CONTROL_PLANE_TAINT = "node-role.kubernetes.io/control-plane:NoSchedule";
    private static final String IMAGE_IN_NODE = "/tmp/printerfacts.tar";

    private final int agents;
    private final Path printerfactsImageTar;
    private final boolean machineFaults;

    /** @param printerfactsImageTar Jib's tar of the printerfacts image, {@code cli/target/jib-image.tar} by default */
    public K3sBackend(int agents, Path printerfactsImageTar, boolean machineFaults) {
        if (agents < 0) {
            throw new IllegalArgumentException("agents must be at least 0, got " + agents);
        }
        this.agents = agents;
        this.printerfactsImageTar = printerfactsImageTar;
        this.machineFaults = machineFaults;
    }

    /** @param machineFaults whether faults may cordon, drain or stop the k3s machines */
    public K3sBackend(boolean machineFaults) {
        this(DEFAULT_AGENTS, Path.of(System.getProperty("faultline.home", "."), "cli", "target", "jib-image.tar"), machineFaults);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return KubernetesCluster.capabilities(K3sMachines.CAPABILITIES, machineFaults);
    }

    /** Refuses a Cassandra release the fixture cannot run, before Docker is asked for anything. */
    @Override
    public void check(Topology topology) {
        KubernetesCluster.requireRelease(topology.cassandraVersion());
    }

    /**
     * Testcontainers probes several Docker locations, logs each attempt and can take long to say no; where no Docker
     * endpoint is even named (no DOCKER_HOST, no socket in the usual places) the answer is no at once and unlogged.
     */
    public static boolean dockerAvailable(Duration within) {
        if (!dockerEndpointNamed(System.getenv(), Path.of(System.getProperty("user.home")))) {
            return false;
        }
        CompletableFuture<Boolean> probe = CompletableFuture.supplyAsync(() -> {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                return false;
            }
        });
        try {
            return probe.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            probe.cancel(true);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    /** DOCKER_HOST, or a Docker socket where Docker Engine, rootless Docker or Docker Desktop put theirs. */
    static boolean dockerEndpointNamed(Map<String, String> env, Path home) {
        if (env.get("DOCKER_HOST") != null && !env.get("DOCKER_HOST").isBlank()) {
            return true;
        }
        List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"), home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock")));
        if (env.get("XDG_RUNTIME_DIR") != null) {
            sockets.add(Path.of(env.get("XDG_RUNTIME_DIR"), "docker.sock"));
        }
        // Testcontainers' own setting names an endpoint too
        return sockets.stream().anyMatch(Files::exists) || Files.exists(home.resolve(".testcontainers.properties"));
    }

    @Override
    public KubernetesCluster start(Topology topology, StartOptions options) {
        check(topology);
        if (!dockerAvailable(Duration.ofSeconds(20))) {
            throw new IllegalStateException("Docker is not available on this machine: the k3s backend needs a Docker engine");
        }
        if (!Files.isReadable(printerfactsImageTar)) {
            throw new IllegalStateException("no printerfacts image at " + printerfactsImageTar.toAbsolutePath()
                    + "; build it with `./mvnw -DskipTests package jib:buildTar`");
        }
        options.progress().accept("k3s: starting a server and " + Math.max(agents, topology.nodes()) + " agents in Docker, then Cassandra on them (node logs stay in the pods)");
        Network network = Network.newNetwork();
        List<GenericContainer<?>> started = new ArrayList<>();
        KubernetesClient client = null;
        try {
            String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            K3sContainer server = new K3sContainer(K3S_IMAGE);
            server.withNetwork(network).withNetworkAliases(SERVER).withEnv("K3S_TOKEN", token)
                    .withCreateContainerCmdModifier(cmd -> cmd.withHostName(SERVER));
            server.withCommand(serverCommand(server.getHost()));
            server.start();
            started.add(server);
            Map<String, GenericContainer<?>> machines = new LinkedHashMap<>();
            machines.put(SERVER, server);
            // each Cassandra pod needs a machine of its own (required anti-affinity), and the server takes none
            for (int i = 1; i <= Math.max(agents, topology.nodes()); i++) {
                String hostname = "k3s-agent-" + i;
                GenericContainer<?> agent = agent(network, hostname, token);
                agent.start();
                started.add(agent);
                machines.put(hostname, agent);
            }
            client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
            awaitNodesReady(client, machines.size());
            keepAddOnsOnServer(client);
            String image = printerfactsImage();
            machines.values().forEach(node -> importImage(node, image));
            KubernetesClient owned = client;
            AutoCloseable release = () -> {
                owned.close();
                started.forEach(GenericContainer::stop);
                network.close();
            };
            K3sMachines k3sMachines = new K3sMachines(DockerClientFactory.instance().client(), machines, SERVER);
            return KubernetesCluster.start(new KubernetesCluster.Backend(client, NAME, k3sMachines, release,
                            new PodNetns.ThroughMachine(k3sMachines), machineFaults),
                    topology, Fixtures.directory(), KubeconfigBackend.READY_TIMEOUT, options.progress());
        } catch (RuntimeException | Error e) {
            if (client != null) {
                client.close();
            }
            started.forEach(GenericContainer::stop);
            network.close();
            throw e;
        }
    }

    /**
     * The server is tainted so that no workload pod runs there: it is the API server, never drained or stopped, and a
     * Cassandra replica on it would be out of reach of the machine faults.
     */
    static String[] serverCommand(String host) {
        return new String[] {"server", "--disable=traefik", "--tls-san=" + host, "--tls-san=" + SERVER,
                "--node-taint=" + CONTROL_PLANE_TAINT};
    }

    /**
     * Privileged with tmpfs for /run, as k3s's own docker-compose example runs agents. Unlike the server (which
     * K3sContainer puts in the host's cgroup namespace) agents keep a private one, so their kubelets never share
     * a cgroup root.
     */
    private static GenericContainer<?> agent(Network network, String hostname, String token) {
        return new GenericContainer<>(K3S_IMAGE)
                .withNetwork(network).withNetworkAliases(hostname)
                .withPrivilegedMode(true)
                .withCreateContainerCmdModifier(cmd -> cmd.withHostName(hostname))
                .withTmpFs(Map.of("/run", "", "/var/run", ""))
                .withEnv("K3S_URL", "https://" + SERVER + ":6443")
                .withEnv("K3S_TOKEN", token)
                .withCommand("agent");
    }

    /**
     * k3s's add-ons a restarted Cassandra needs: DNS (it finds its seeds by name) and the provisioner of its volume.
     * Each runs a single replica; metrics-server is pinned too, so that no agent holds anything but the run's pods.
     */
    static final List<String> ADD_ONS = List.of("coredns", "local-path-provisioner", "metrics-server");
    static final String KUBE_SYSTEM = "kube-system";

    /**
     * Pins k3s's add-ons to the server, which no fault stops: the scheduler may place them on any agent, and a
     * stopped agent (killMachine) would take the cluster's only DNS replica with it.
     */
    static void keepAddOnsOnServer(KubernetesClient client) {
        await().alias("k3s add-ons coredns and local-path-provisioner deployed").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> ADD_ONS.subList(0, 2).stream().allMatch(name ->
                        client.apps().deployments().inNamespace(KUBE_SYSTEM).withName(name).get() != null));
        for (String name : ADD_ONS) {
            var deployment = client.apps().deployments().inNamespace(KUBE_SYSTEM).withName(name);
            if (deployment.get() == null) {
                continue;
            }
            deployment.edit(d -> {
                var pod = d.getSpec().getTemplate().getSpec();
                pod.getNodeSelector().put("kubernetes.io/hostname", SERVER);
                if (pod.getTolerations().stream().noneMatch(t -> "node-role.kubernetes.io/control-plane".equals(t.getKey()))) {
                    pod.getTolerations().add(new TolerationBuilder()
                            .withKey("node-role.kubernetes.io/control-plane").withOperator("Exists").withEffect("NoSchedule")
                            .build());
                }
                return d;
            });
        }
        await().alias("k3s add-ons " + ADD_ONS + " running on " + SERVER).atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> client.pods().inNamespace(KUBE_SYSTEM).list().getItems().stream()
                        .filter(p -> ADD_ONS.stream().anyMatch(a -> p.getMetadata().getName().startsWith(a + "-")))
                        .allMatch(p -> SERVER.equals(p.getSpec().getNodeName()) && "Running".equals(p.getStatus().getPhase())));
    }

    private static void awaitNodesReady(KubernetesClient client, int expected) {
        await().alias(expected + " k3s nodes Ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> client.nodes().list().getItems().stream()
                        .filter(n -> n.getStatus().getConditions().stream()
                                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")))
                        .count() == expected);
    }

    /** The image the fixture's Deployment runs, as containerd names it. */
    private static String printerfactsImage() {
        String image = Fixtures.load(Fixtures.directory(), Topology.defaults()).stream()
                .filter(o -> o instanceof Deployment d && d.getMetadata().getName().equals(Fixtures.PRINTERFACTS))
                .map(o -> ((Deployment) o).getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .findFirst().orElseThrow(() -> new IllegalStateException("no printerfacts Deployment in " + Fixtures.directory()));
        return image.contains("/") && image.substring(0, image.indexOf('/')).contains(".") ? image : "docker.io/" + image;
    }

    private void importImage(GenericContainer<?> node, String expected) {
        node.copyFileToContainer(MountableFile.forHostPath(printerfactsImageTar), IMAGE_IN_NODE);
        K3sMachines.ctr(node, "images", "import", IMAGE_IN_NODE);
        try {
            String images = node.execInContainer("ctr", "-n", "k8s.io", "images", "ls", "-q").getStdout();
            if (images.lines().noneMatch(expected::equals)) {
                throw new IllegalStateException(printerfactsImageTar + " does not hold " + expected + " (it holds "
                        + images.lines().filter(l -> l.contains("printerfacts")).toList()
                        + "); build it with `./mvnw -DskipTests package jib:buildTar`");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot list images in k3s node", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted listing images in k3s node", e);
        }
    }
}
