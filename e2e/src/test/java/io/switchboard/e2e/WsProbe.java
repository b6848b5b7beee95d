package io.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JDK WebSocket client of the gateway's {@code /ws} for the e2e suites: queues every text frame
 * (in order) and records the close code and reason.
 */
final class WsProbe implements WebSocket.Listener, AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  final CompletableFuture<String> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  /** Connects with {@code token} and takes the {@code connected} frame. */
  static WsProbe open(String gatewayUrl, String token) throws Exception {
    WsProbe probe = connect(gatewayUrl, token);
    probe.await(f -> f.path("type").asText().equals("connected"));
    return probe;
  }

  /**
   * Completes the handshake with {@code token} in the query and returns at once, whatever the
   * server sends next (e.g. a close for a bad token).
   *
   * @throws java.util.concurrent.ExecutionException with a {@link
   *     java.net.http.WebSocketHandshakeException} when the handshake is refused
   */
  static WsProbe connect(String gatewayUrl, String token) throws Exception {
    WsProbe probe = new WsProbe();
    String url = gatewayUrl.replaceFirst("^http", "ws") + "/ws?token=" + token;
    probe.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(URI.create(url), probe)
            .get(30, TimeUnit.SECONDS);
    return probe;
  }

  /** Sends a text frame; false when the socket no longer takes frames. */
  boolean send(String text) {
    try {
      socket.sendText(text, true).get(30, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** The first frame that matches; the frames before it are returned through {@code skipped}. */
  JsonNode await(Predicate<JsonNode> matches, List<JsonNode> skipped) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode frame = frames.poll(250, TimeUnit.MILLISECONDS);
      if (frame != null) {
        if (matches.test(frame)) {
          return frame;
        }
        skipped.add(frame);
      }
    }
    throw new AssertionError("No matching WebSocket frame within " + WAIT + "; got " + skipped);
  }

  JsonNode await(Predicate<JsonNode> matches) throws InterruptedException {
    return await(matches, new ArrayList<>());
  }

  static Predicate<JsonNode> type(String type) {
    return f -> f.path("type").asText().equals(type);
  }

  /** "code reason" of the close, waiting for it. */
  String closeCause() throws Exception {
    return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
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
    closed.complete(statusCode + " " + reason);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete("-1 " + error);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
    }
    socket.abort();
  }
}
