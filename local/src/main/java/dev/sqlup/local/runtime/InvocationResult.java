package dev.sqlup.local.runtime;

import java.time.Duration;

/**
 * What one in-process invocation returned.
 *
 * @param payload the response JSON (the handler's output serialized as Lambda does; {@code null}
 *     for a void handler), or the error JSON when {@code error} is set
 * @param error the handler threw (or timed out): {@code payload} is {@link LambdaError} JSON
 */
public record InvocationResult(
    String requestId, String payload, boolean error, Duration duration) {}
