package io.switchboard.bench.ws;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket to the gateway's {@code /ws}. Every complete text frame is parsed and handed to the
 * {@link Frames} handler with the wall-clock time (epoch microseconds) it was received.
 */
final class Socket implements WebSocket.Listener {

  /** What to do with a received frame (its JSON text; parsing is left to the handler). */
  interface Frames {
    void frame(Socket socket, String frame, long receivedMicros);
  }

  final int index;
  private final Frames frames;
  private final StringBuilder partial = new StringBuilder();
  final CompletableFuture<JsonNode> connected = new CompletableFuture<>();
  final CompletableFuture<JsonNode> subscribed = new CompletableFuture<>();
  volatile int closeCode = -1;
  volatile String closeReason;
  private WebSocket socket;

  private Socket(int index, Frames frames) {
    this.index = index;
    this.frames = frames;
  }

  static CompletableFuture<Socket> open(
      HttpClient http, String gateway, String token, int index, Frames frames) {
    Socket listener = new Socket(index, frames);
    String url = gateway.replaceFirst("^http", "ws") + "/ws?token=" + token;
    return http.newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(30))
        .buildAsync(URI.create(url), listener)
        .thenCompose(
            ws -> {
              listener.socket = ws;
              return listener.connected.orTimeout(30, TimeUnit.SECONDS);
            })
        .thenApply(frame -> listener);
  }

  CompletableFuture<JsonNode> subscribe(String channelsJson) {
    socket.sendText("{\"type\":\"subscribe\",\"channels\":" + channelsJson + "}", true);
    return subscribed.orTimeout(30, TimeUnit.SECONDS);
  }

  boolean isOpen() {
    return closeCode < 0 && socket != null && !socket.isInputClosed();
  }

  void close() {
    if (socket != null && !socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      long now = Clock.nowMicros();
      String text = partial.toString();
      partial.setLength(0);
      try {
        // the gateway writes "type" first; only the handshake frames are parsed here
        if (text.startsWith("{\"type\":\"connected\"")) {
          connected.complete(Api.JSON.readTree(text));
        } else if (text.startsWith("{\"type\":\"subscribed\"")) {
          subscribed.complete(Api.JSON.readTree(text));
        } else {
          frames.frame(this, text, now);
        }
      } catch (Exception e) {
        System.err.println("socket " + index + ": unreadable frame: " + e);
      }
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeCode = statusCode;
    closeReason = reason;
    connected.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closeCode = 1006;
    closeReason = String.valueOf(error);
    connected.completeExceptionally(error);
  }
}
