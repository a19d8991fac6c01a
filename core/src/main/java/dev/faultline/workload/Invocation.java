package dev.faultline.workload;

/** What a generator asks a client to do: {@code f} on {@code key} with {@code value}. */
public record Invocation(String f, String key, Object value) {
}
