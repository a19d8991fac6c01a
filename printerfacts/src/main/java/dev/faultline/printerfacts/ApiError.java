package dev.faultline.printerfacts;

/**
 * What a client sees when a request fails: an HTTP status, a stable machine-readable code and a
 * sentence for people. It is also the JSON body of every error response.
 */
public record ApiError(int status, String error, String message) {

    static ApiError badRequest(String error, String message) {
        return new ApiError(400, error, message);
    }

    static ApiError unprocessable(String message) {
        return new ApiError(422, "invalid_fact", message);
    }

    /** Thrown by request handling; the server turns it into a response with this error as body. */
    static final class Failure extends RuntimeException {
        private final ApiError error;

        Failure(ApiError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        ApiError error() {
            return error;
        }
    }

    Failure toFailure() {
        return new Failure(this);
    }
}
