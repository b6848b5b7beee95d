package io.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A WebSocket client of the gateway that keeps every text frame it receives (in order), for tests
 * that count events: {@link #frames()} is never drained, {@link #await} only looks.
 */
final class EventSocket implements WebSocket.Listener, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private volatile boolean closed;
  private WebSocket socket;

  /** Connects with {@code token} and subscribes to {@code channels}; returns once subscribed. */
  static EventSocket open(String gatewayUrl, String token, String... channels) throws Exception {
    EventSocket listener = new EventSocket();
    String url = gatewayUrl.replaceFirst("^http", "ws") + "/ws?token=" + token;
    listener.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(URI.create(url), listener)
            .get(20, TimeUnit.SECONDS);
    listener.await(f -> f.path("type").asText().equals("connected"), Duration.ofSeconds(30));
    listener.socket.sendText(
        JSON.writeValueAsString(
            JSON.createObjectNode()
                .put("type", "subscribe")
                .set("channels", JSON.valueToTree(List.of(channels)))),
        true);
    listener.await(f -> f.path("type").asText().equals("subscribed"), Duration.ofSeconds(30));
    return listener;
  }

  /** Every frame received so far, in order. */
  List<JsonNode> frames() {
    return List.copyOf(frames);
  }

  /** Whether the server closed the connection (or it broke). */
  boolean isClosed() {
    return closed;
  }

  /** The first frame received (so far or within {@code timeout}) that matches. */
  JsonNode await(Predicate<JsonNode> matches, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (JsonNode frame : frames) {
        if (matches.test(frame)) {
          return frame;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("No matching WebSocket frame within " + timeout);
      }
      Thread.sleep(100);
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        frames.add(JSON.readTree(partial.toString()));
      } catch (Exception e) {
        frames.add(JSON.createObjectNode().put("unparsable", partial.toString()));
      }
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed = true;
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed = true;
  }

  @Override
  public void close() {
    if (!closed) {
      try {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        socket.abort();
      }
    }
  }
}
