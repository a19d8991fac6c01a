package dev.faultline.workload;

/**
 * Performs one operation through the code under test (Faultline's own CQL clients, or a team's DAO, HTTP
 * service, anything) and says what came of it, as Jepsen's client does. Errors are outcomes: a driver error
 * becomes {@code fail} or {@code info} through {@link DriverErrors#outcome}, an HTTP answer through
 * {@link HttpErrors}. A client that throws anyway is recorded as {@code info} with its exception
 * ({@link RecordedCall}), and the run goes on.
 *
 * <p>A client is opened (made) for one client thread and closed when its thread is done.
 */
public interface Client extends AutoCloseable {

    Outcome invoke(Invocation invocation);

    /** Releases what this client opened for itself; nothing by default. */
    @Override
    default void close() {
    }
}
