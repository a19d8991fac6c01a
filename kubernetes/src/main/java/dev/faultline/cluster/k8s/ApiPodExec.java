package dev.faultline.cluster.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link PodExec} through the API server's exec subresource. */
final class ApiPodExec implements PodExec {

    private final KubernetesClient client;
    private final Duration timeout;

    ApiPodExec(KubernetesClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public ExecResult exec(String namespace, String pod, String container, List<String> command) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String what = String.join(" ", command) + " in pod " + pod + " (" + container + ")";
        try (ExecWatch exec = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                .writingOutput(output).writingError(output).exec(command.toArray(String[]::new))) {
            Integer code = exec.exitCode().get(timeout.toSeconds(), TimeUnit.SECONDS);
            if (code == null) {
                // the exec stream closed before the API server sent the exit status
                throw new IllegalStateException(what + " ended without an exit status: "
                        + output.toString(StandardCharsets.UTF_8).strip());
            }
            return new ExecResult(code, output.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }
}
