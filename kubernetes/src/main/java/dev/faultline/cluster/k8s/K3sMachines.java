package dev.faultline.cluster.k8s;

import com.github.dockerjava.api.DockerClient;
import dev.faultline.cluster.Capability;
import org.testcontainers.containers.GenericContainer;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** k3s nodes are Docker containers: stopping one is a machine failure, containerd inside it freezes containers. */
final class K3sMachines implements Machines {

    /** Its machines are Docker containers of its own: it can freeze a container's processes and stop a machine. */
    static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.PAUSE, Capability.KILL_MACHINE);

    private final DockerClient docker;
    private final Map<String, GenericContainer<?>> byNodeName;
    private final String controlPlane;

    /** @param byNodeName each container by its Kubernetes node name (the container's hostname) */
    K3sMachines(DockerClient docker, Map<String, GenericContainer<?>> byNodeName, String controlPlane) {
        this.docker = docker;
        this.byNodeName = Map.copyOf(byNodeName);
        this.controlPlane = controlPlane;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void stop(String kubernetesNode) {
        if (kubernetesNode.equals(controlPlane)) {
            throw new IllegalArgumentException(kubernetesNode + " is the k3s server: stopping it takes the API server "
                    + "away and with it every other fault; stop an agent: " + agents());
        }
        // docker stop, not Testcontainers' stop(), which would remove the container and its disk
        docker.stopContainerCmd(container(kubernetesNode).getContainerId()).withTimeout(0).exec();
    }

    @Override
    public void start(String kubernetesNode) {
        docker.startContainerCmd(container(kubernetesNode).getContainerId()).exec();
    }

    @Override
    public void pause(String kubernetesNode, String containerId) {
        ctr(kubernetesNode, "task", "pause", containerId);
    }

    @Override
    public void resume(String kubernetesNode, String containerId) {
        ctr(kubernetesNode, "task", "resume", containerId);
    }

    @Override
    public ExecResult exec(String kubernetesNode, List<String> command) {
        try {
            var result = container(kubernetesNode).execInContainer(command.toArray(String[]::new));
            return new ExecResult(result.getExitCode(), result.getStdout() + result.getStderr());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + " on " + kubernetesNode, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command) + " on " + kubernetesNode, e);
        }
    }

    /** Runs containerd's {@code ctr} in the Kubernetes namespace of a node's containerd. */
    static void ctr(GenericContainer<?> node, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "ctr";
        command[1] = "-n";
        command[2] = "k8s.io";
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            var result = node.execInContainer(command);
            if (result.getExitCode() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + result.getExitCode()
                        + ": " + result.getStderr().strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    private void ctr(String kubernetesNode, String... args) {
        ctr(container(kubernetesNode), args);
    }

    private GenericContainer<?> container(String kubernetesNode) {
        GenericContainer<?> container = byNodeName.get(kubernetesNode);
        if (container == null) {
            throw new IllegalArgumentException("no k3s node named " + kubernetesNode + "; nodes: "
                    + byNodeName.keySet().stream().sorted().collect(Collectors.joining(", ")));
        }
        return container;
    }

    private String agents() {
        return byNodeName.keySet().stream().filter(n -> !n.equals(controlPlane)).sorted().collect(Collectors.joining(", "));
    }
}
