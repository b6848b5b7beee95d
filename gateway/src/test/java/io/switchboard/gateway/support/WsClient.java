package io.switchboard.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket client for tests: collects text frames and the close code. */
public final class WsClient implements AutoCloseable {

  public static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private volatile boolean reading = true;
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private WsClient(URI uri, Map<String, String> headers, List<String> subprotocols) {
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
    headers.forEach(builder::header);
    if (!subprotocols.isEmpty()) {
      builder.subprotocols(
          subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
    }
    socket = builder.buildAsync(uri, new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
  }

  public static WsClient connect(URI uri) {
    return new WsClient(uri, Map.of(), List.of());
  }

  public static WsClient connect(URI uri, Map<String, String> headers, List<String> protocols) {
    return new WsClient(uri, headers, protocols);
  }

  /**
   * Stops reading (after the frame being read): the server's writes back up, as to a slow client.
   */
  public WsClient stopReading() {
    reading = false;
    return this;
  }

  public String subprotocol() {
    return socket.getSubprotocol();
  }

  public WsClient send(String text) {
    socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    return this;
  }

  /** The next frame, or an assertion error after {@link #WAIT}. */
  public JsonNode next() {
    try {
      String frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (frame == null) {
        throw new AssertionError(
            "No frame within "
                + WAIT
                + (closed.isDone() ? " (closed " + closed.getNow(null) + ")" : ""));
      }
      return JSON.readTree(frame);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (java.io.IOException e) {
      throw new AssertionError("A frame that is not JSON", e);
    }
  }

  /** The next frame, which must be of {@code type}. */
  public JsonNode next(String type) {
    JsonNode frame = next();
    if (!type.equals(frame.path("type").asText())) {
      throw new AssertionError("Expected a " + type + " frame, got " + frame);
    }
    return frame;
  }

  /** Frames received and not yet taken. */
  public List<String> pending() {
    return List.copyOf(frames);
  }

  /** The close code the server sent, or an assertion error after {@link #WAIT}. */
  public int closeCode() {
    try {
      return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("Not closed within " + WAIT, e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(partial.toString());
        partial.setLength(0);
      }
      if (reading) {
        webSocket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }
  }
}
