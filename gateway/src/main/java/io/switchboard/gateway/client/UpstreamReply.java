package io.switchboard.gateway.client;

import io.vertx.core.buffer.Buffer;

/**
 * A service's complete, small answer to a control request (readiness probe, OpenAPI fetch).
 *
 * @param status the HTTP status
 * @param body the body
 * @param latencyMs milliseconds from sending the request to receiving the whole answer
 */
public record UpstreamReply(int status, Buffer body, long latencyMs) {}
