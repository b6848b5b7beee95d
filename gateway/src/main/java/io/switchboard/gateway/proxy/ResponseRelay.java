package io.switchboard.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.streams.Pipe;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Sends a service's answer to the client exactly as {@link ProxyResponse#send()} does (status,
 * headers but {@code transfer-encoding}, a {@code date}, the length or chunking, the streamed body,
 * both sides reset when the stream breaks), except that the {@code date} of the common answer (the
 * service sent no {@code date} or {@code warning}) is formatted once a second instead of for every
 * answer: {@code vertx-http-proxy} formats it with {@link DateTimeFormatter#RFC_1123_DATE_TIME}
 * each time (about a microsecond here). Any other answer is left to {@link ProxyResponse#send()}.
 */
final class ResponseRelay {

  private static final String DATE = "date";
  private static final String WARNING = "warning";
  private static final String TRANSFER_ENCODING = "transfer-encoding";

  /** The {@code date} header of one second. */
  private record DateHeader(long second, String value) {}

  private static volatile DateHeader date = new DateHeader(Long.MIN_VALUE, "");

  private ResponseRelay() {}

  /** Streams the answer to the client; {@code upstream} is reset if the stream breaks. */
  static Future<Void> send(ProxyResponse response, HttpClientRequest upstream) {
    MultiMap headers = response.headers();
    Body body = response.getBody();
    HttpServerResponse client = response.request().proxiedRequest().response();
    if (body == null
        || headers.contains(DATE)
        || headers.contains(WARNING)
        || body.length() < 0
            && response.request().proxiedRequest().version() == HttpVersion.HTTP_1_0) {
      return response.send();
    }
    client.setStatusCode(response.getStatusCode());
    if (response.getStatusMessage() != null) {
      client.setStatusMessage(response.getStatusMessage());
    }
    MultiMap out = client.headers();
    out.set(DATE, dateHeader(System.currentTimeMillis() / 1000));
    out.remove(WARNING);
    headers.forEach(
        header -> {
          if (!TRANSFER_ENCODING.equalsIgnoreCase(header.getKey())) {
            out.add(header.getKey(), header.getValue());
          }
        });
    long length = body.length();
    if (length >= 0) {
      out.set(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
    } else {
      client.setChunked(true);
    }
    Pipe<Buffer> pipe = body.stream().pipe();
    pipe.endOnSuccess(true);
    pipe.endOnFailure(false);
    return pipe.to(client)
        .onFailure(
            error -> {
              upstream.reset();
              client.reset();
            });
  }

  /** The {@code date} header for an epoch second, formatted as {@code vertx-http-proxy} does. */
  static String dateHeader(long epochSecond) {
    DateHeader cached = date;
    if (cached.second() != epochSecond) {
      cached =
          new DateHeader(
              epochSecond,
              DateTimeFormatter.RFC_1123_DATE_TIME.format(
                  OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC)));
      date = cached;
    }
    return cached.value();
  }
}
