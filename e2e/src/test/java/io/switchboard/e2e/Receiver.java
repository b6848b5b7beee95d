package io.switchboard.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP server on {@code 127.0.0.2} (a loopback address the stack's skill-service is told
 * to allow for the http tool and webhooks; 127.0.0.1 and {@code localhost} stay refused): records
 * every request; while {@link #hold} is on, requests wait until {@link #release} (so a test can
 * kill a service while its call is in flight), then all answer 200 {@code {"ok":true}}.
 */
final class Receiver implements AutoCloseable {
  static final String HOST = "127.0.0.2";

  /** One request as received. */
  record Request(String path, String delivery, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile CountDownLatch arrived = new CountDownLatch(1);

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(HOST, 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://" + HOST + ":" + server.getAddress().getPort() + path;
  }

  /** From now on, requests wait for {@link #release}. */
  void hold() {
    gate = new CountDownLatch(1);
    arrived = new CountDownLatch(1);
  }

  /** Waits until a request arrived since {@link #hold}. */
  void awaitArrival() throws InterruptedException {
    if (!arrived.await(90, TimeUnit.SECONDS)) {
      throw new AssertionError("no request reached the receiver within 90 s");
    }
  }

  /** Lets the held requests (and all later ones) answer. */
  void release() {
    gate.countDown();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(
        new Request(
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("X-Switchboard-Delivery"),
            body));
    arrived.countDown();
    try {
      gate.await(120, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    try {
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    } catch (IOException e) {
      // the caller was killed meanwhile
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
