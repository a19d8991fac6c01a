package dev.faultline.printerfacts;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PagingState;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The printerfacts HTTP API over a {@link CassandraConnection}. */
public final class PrinterfactsServer implements AutoCloseable {

    /** Request header choosing the consistency level, and response header saying which one was used. */
    public static final String CONSISTENCY_HEADER = "X-Consistency-Level";

    private static final Logger LOG = LoggerFactory.getLogger(PrinterfactsServer.class);
    private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(2);
    /** The most keys one page of /fact/keys holds, and how many it holds when the request names no limit. */
    static final int MAX_PAGE = 1000;
    /** A paging state is a few dozen bytes; its text form is far shorter than this. */
    private static final int MAX_PAGE_TOKEN = 4096;

    private final ServerSettings settings;
    private final CassandraConnection cassandra;
    private final Javalin app;

    private PrinterfactsServer(ServerSettings settings, CassandraConnection cassandra) {
        this.settings = settings;
        this.cassandra = cassandra;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            config.router.ignoreTrailingSlashes = true;
            config.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
        });
        routes();
        errors();
    }

    /** Starts serving (port 0 picks a free one) and returns at once. */
    public static PrinterfactsServer start(ServerSettings settings, CassandraConnection cassandra) {
        PrinterfactsServer server = new PrinterfactsServer(settings, cassandra);
        server.app.start(settings.bindAddress(), settings.port());
        return server;
    }

    public int port() {
        return app.port();
    }

    private void routes() {
        app.get("/healthz", ctx -> ctx.json(new Health("alive", settings.nodeName(), settings.replicaName())));
        app.get("/readyz", this::readiness);
        app.get("/", ctx -> {
            Fact fact = randomFact(ctx);
            ctx.json(new Greeting(fact.key(), fact.fact(), fact.kind(), settings.nodeName(), settings.replicaName()));
        });
        app.get("/fact", ctx -> ctx.json(randomFact(ctx)));
        app.get("/fact/keys", ctx -> {
            int limit = limit(ctx);
            PagingState page = page(ctx);
            ConsistencyLevel level = level(ctx, Operation.READ);
            FactStore.KeyPage keys;
            try {
                keys = store().keys(level, limit, page);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("bad_page", "page is the token of another query; give the next_page "
                        + "of a /fact/keys answer").toFailure();
            }
            ctx.json(new Keys(keys.keys().size(), keys.keys(), keys.nextPage()));
        });
        app.get("/fact/{key}", ctx -> {
            UUID key = FactKey.parse(ctx.pathParam("key"));
            ConsistencyLevel level = level(ctx, Operation.READ);
            ctx.json(store().find(key, level).orElseThrow(() ->
                    new ApiError(404, "no_such_fact", "no fact with key " + key + " (read at " + level + ")").toFailure()));
        });
        app.post("/fact", ctx -> {
            FactInput input = FactInput.parse(body(ctx));
            ConsistencyLevel level = level(ctx, Operation.WRITE);
            UUID key = store().insert(input, level);
            ctx.status(201).header("Location", "/fact/" + key).json(new Fact(key, input.fact(), input.kind()));
        });
        app.put("/fact/{key}", ctx -> {
            UUID key = FactKey.parse(ctx.pathParam("key"));
            FactInput input = FactInput.parse(body(ctx));
            ConsistencyLevel level = level(ctx, Operation.WRITE);
            store().upsert(key, input, level);
            ctx.json(new Fact(key, input.fact(), input.kind()));
        });
        // A blind delete, like the PUT: Cassandra writes a tombstone whether or not the row exists, and
        // a read-before-delete at ONE could wrongly answer 404, so the answer is always 204.
        app.delete("/fact/{key}", ctx -> {
            UUID key = FactKey.parse(ctx.pathParam("key"));
            ConsistencyLevel level = level(ctx, Operation.WRITE);
            store().delete(key, level);
            ctx.status(204);
        });
        app.get("/crashme", ctx -> {
            if (!settings.crashme()) {
                throw new ApiError(404, "crashme_disabled", "/crashme is off; serve with --enable-crashme").toFailure();
            }
            LOG.warn("/crashme called: exiting at once, as a crash would");
            Runtime.getRuntime().halt(1);
        });
    }

    private void errors() {
        app.exception(ApiError.Failure.class, (e, ctx) -> respond(ctx, e.error()));
        app.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, fromJavalin(e)));
        app.exception(Exception.class, (e, ctx) -> {
            ApiError error = CassandraErrors.toApiError(e);
            if (error.status() == 500) {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            }
            respond(ctx, error);
        });
    }

    private ApiError fromJavalin(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> new ApiError(404, "no_such_route", e.getMessage());
            case 405 -> new ApiError(405, "method_not_allowed", e.getMessage());
            case 413 -> tooLarge();
            default -> new ApiError(e.getStatus(), "http_error", e.getMessage());
        };
    }

    private static void respond(Context ctx, ApiError error) {
        ctx.status(error.status()).json(error);
    }

    private void readiness(Context ctx) {
        FactStore store = store();
        try {
            store.ping(READINESS_TIMEOUT);
        } catch (RuntimeException e) {
            throw new ApiError(503, "not_ready", "Cassandra does not answer: " + CassandraErrors.toApiError(e).message())
                    .toFailure();
        }
        ctx.json(new Health("ready", settings.nodeName(), settings.replicaName()));
    }

    private Fact randomFact(Context ctx) {
        ConsistencyLevel level = level(ctx, Operation.READ);
        return store().random(level).orElseThrow(() ->
                new ApiError(404, "no_facts", "the facts table is empty (read at " + level + ")").toFailure());
    }

    private FactStore store() {
        return cassandra.store().orElseThrow(() ->
                new ApiError(503, "not_ready", "not connected to Cassandra yet: " + cassandra.notReadyReason())
                        .toFailure());
    }

    /** The request's level (header) or the default, echoed in the response before anything can fail. */
    private ConsistencyLevel level(Context ctx, Operation operation) {
        String requested = ctx.header(CONSISTENCY_HEADER);
        ConsistencyLevel level;
        if (requested == null) {
            level = operation == Operation.READ ? settings.readLevel() : settings.writeLevel();
        } else {
            try {
                level = operation.parseLevel(requested, CONSISTENCY_HEADER);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("bad_consistency_level", e.getMessage()).toFailure();
            }
        }
        ctx.header(CONSISTENCY_HEADER, level.name());
        return level;
    }

    /** {@code ?limit=}: how many keys a page holds, {@value #MAX_PAGE} when not given. */
    private static int limit(Context ctx) {
        String limit = single(ctx, "limit");
        if (limit == null) {
            return MAX_PAGE;
        }
        int parsed;
        try {
            parsed = limit.length() > 9 ? -1 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            parsed = -1;
        }
        if (parsed < 1 || parsed > MAX_PAGE) {
            throw ApiError.badRequest("bad_limit", "limit must be a whole number from 1 to " + MAX_PAGE).toFailure();
        }
        return parsed;
    }

    /** {@code ?page=}: the next_page token of an earlier answer, or null for the first page. */
    private static PagingState page(Context ctx) {
        String page = single(ctx, "page");
        if (page == null) {
            return null;
        }
        try {
            if (page.isEmpty() || page.length() > MAX_PAGE_TOKEN) {
                throw new IllegalArgumentException("not a token");
            }
            return PagingState.fromString(page);
        } catch (RuntimeException e) {
            // the driver's own words name its buffers; the client needs to know only that the token is not one
            throw ApiError.badRequest("bad_page", "page must be the next_page token of an earlier /fact/keys answer")
                    .toFailure();
        }
    }

    /** A query parameter given at most once; twice is ambiguous, so refused. */
    private static String single(Context ctx, String name) {
        List<String> values = ctx.queryParams(name);
        if (values.size() > 1) {
            throw ApiError.badRequest("bad_" + name, name + " is given " + values.size() + " times; give it once").toFailure();
        }
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * The body, read up to the limit whatever the request claims (chunked bodies have no length). A body that ends
     * before its Content-Length, or whose chunked encoding breaks, is the client's mistake: 400, not 500.
     */
    private byte[] body(Context ctx) {
        if (ctx.req().getContentLengthLong() > settings.maxBodyBytes()) {
            throw tooLarge().toFailure();
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes(settings.maxBodyBytes() + 1);
        } catch (IOException | RuntimeException e) {
            throw ApiError.badRequest("broken_body", "the request body could not be read whole: it ended before its "
                    + "Content-Length, or its chunked encoding is broken").toFailure();
        }
        if (body.length > settings.maxBodyBytes()) {
            throw tooLarge().toFailure();
        }
        return body;
    }

    private ApiError tooLarge() {
        return new ApiError(413, "body_too_large", "request body is over the limit of " + settings.maxBodyBytes() + " bytes");
    }

    @Override
    public void close() {
        app.stop();
    }

    record Health(String status, String node, String replica) {}

    record Greeting(UUID key, String fact, String kind, String node, String replica) {}

    /** @param nextPage the token that fetches the next page ({@code ?page=}), or null after the last page */
    record Keys(int count, List<UUID> keys, @JsonProperty("next_page") String nextPage) {}
}
