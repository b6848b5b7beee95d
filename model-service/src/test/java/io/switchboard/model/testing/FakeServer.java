package io.switchboard.model.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server (JDK) that plays a provider: answers scripted responses in order (the last
 * one repeats) and records every request. Bodies with content type {@code text/event-stream} or
 * {@code application/x-ndjson} are written chunk by chunk, flushed.
 */
public final class FakeServer implements AutoCloseable {

  /** A scripted answer; {@code chunks} are written one by one. */
  public record Reply(
      int status, String contentType, List<String> chunks, Map<String, String> headers) {
    public static Reply json(int status, String body) {
      return new Reply(status, "application/json", List.of(body), Map.of());
    }

    public static Reply sse(String... events) {
      return new Reply(200, "text/event-stream", List.of(events), Map.of());
    }

    public static Reply ndjson(String... lines) {
      return new Reply(200, "application/x-ndjson", List.of(lines), Map.of());
    }
  }

  /** One request as received. */
  public record Received(
      String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** A chunk that makes the server go silent (until it is closed) instead of writing. */
  public static final String STALL = "<stall>";

  private final java.util.concurrent.CountDownLatch stopped =
      new java.util.concurrent.CountDownLatch(1);
  private final HttpServer server;
  private final ConcurrentLinkedDeque<Reply> replies = new ConcurrentLinkedDeque<>();
  public final List<Received> received = new CopyOnWriteArrayList<>();

  /**
   * Every port a fake server of this JVM has had. model-service keeps per-endpoint state (provider
   * health, circuit breakers) keyed by URL for as long as it runs, so a new fake server must never
   * get a port an earlier one had: it would inherit that one's "down".
   */
  private static final Set<Integer> USED_PORTS = ConcurrentHashMap.newKeySet();

  public FakeServer() {
    server = bindNewPort();
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  private static HttpServer bindNewPort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      HttpServer candidate;
      try {
        candidate =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      if (USED_PORTS.add(candidate.getAddress().getPort())) {
        return candidate;
      }
      candidate.stop(0);
    }
    throw new IllegalStateException("No port unused by an earlier fake server in 100 tries");
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public FakeServer reply(Reply... next) {
    replies.addAll(List.of(next));
    return this;
  }

  public Received last() {
    return received.get(received.size() - 1);
  }

  private void handle(HttpExchange exchange) throws IOException {
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawQuery(),
            Map.copyOf(exchange.getRequestHeaders()),
            exchange.getRequestBody().readAllBytes()));
    Reply reply = replies.size() > 1 ? replies.poll() : replies.peek();
    if (reply == null) {
      reply = Reply.json(500, "{\"error\":{\"message\":\"no scripted reply\"}}");
    }
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    boolean streamed = !reply.contentType().equals("application/json");
    exchange.sendResponseHeaders(reply.status(), streamed ? 0 : length(reply));
    try (OutputStream out = exchange.getResponseBody()) {
      for (String chunk : reply.chunks()) {
        if (chunk.equals(STALL)) {
          stall();
          return;
        }
        out.write(chunk.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }
  }

  private static long length(Reply reply) {
    long n = 0;
    for (String c : reply.chunks()) {
      n += c.getBytes(StandardCharsets.UTF_8).length;
    }
    return n == 0 ? -1 : n;
  }

  private void stall() {
    try {
      stopped.await(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stopped.countDown();
    server.stop(0);
  }
}
