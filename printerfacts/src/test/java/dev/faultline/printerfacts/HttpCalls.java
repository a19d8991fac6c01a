package dev.faultline.printerfacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP calls to a printerfacts server, with the JSON body parsed, for tests. */
final class HttpCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Reply(int status, String consistency, JsonNode body, HttpResponse<String> raw) {
        String error() {
            return body.path("error").asText();
        }
    }

    Reply get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET(), null);
    }

    Reply get(URI uri, String consistency) {
        return send(HttpRequest.newBuilder(uri).GET(), consistency);
    }

    Reply send(String method, URI uri, String body, String consistency) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return send(HttpRequest.newBuilder(uri).method(method, publisher).header("Content-Type", "application/json"),
                consistency);
    }

    private Reply send(HttpRequest.Builder request, String consistency) {
        if (consistency != null) {
            request.header(PrinterfactsServer.CONSISTENCY_HEADER, consistency);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(response.body());
            return new Reply(response.statusCode(),
                    response.headers().firstValue(PrinterfactsServer.CONSISTENCY_HEADER).orElse(null), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
