package io.switchboard.auth.passkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over its DevTools protocol (a {@link java.net.http.WebSocket} to the
 * page target): no WebDriver, nothing downloaded at test time.
 */
final class DevTools implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private DevTools(Process process, Path profile, URI page) {
    this.process = process;
    this.profile = profile;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(TIMEOUT)
            .buildAsync(page, new Listener())
            .join();
  }

  /** Starts Chromium with an empty profile and connects to its first page. */
  static DevTools launch(Path chromium) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("chromium-passkey");
    Process process =
        new ProcessBuilder(
                List.of(
                    chromium.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--user-data-dir=" + profile,
                    "--remote-debugging-port=0",
                    "about:blank"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      Path activePort = profile.resolve("DevToolsActivePort");
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!Files.exists(activePort) || Files.readAllLines(activePort).isEmpty()) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw new IllegalStateException("Chromium did not open its DevTools port");
        }
        Thread.sleep(100);
      }
      String port = Files.readAllLines(activePort).get(0).trim();
      String targets =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                      .timeout(TIMEOUT)
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      for (JsonNode target : JSON.readTree(targets)) {
        if ("page".equals(target.path("type").asText())) {
          return new DevTools(
              process, profile, URI.create(target.get("webSocketDebuggerUrl").asText()));
        }
      }
      throw new IllegalStateException("Chromium has no page target: " + targets);
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Calls a DevTools method and answers its result. */
  JsonNode call(String method, ObjectNode params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params == null ? JSON.createObjectNode() : params);
    socket.sendText(message.toString(), true).join();
    return answer.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
  }

  static ObjectNode params() {
    return JSON.createObjectNode();
  }

  /** Evaluates JavaScript in the page, awaiting a promise, and answers the value. */
  JsonNode evaluate(String expression) {
    JsonNode result =
        call(
            "Runtime.evaluate",
            params()
                .put("expression", expression)
                .put("awaitPromise", true)
                .put("returnByValue", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("JavaScript failed: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Opens a URL and waits until its document has loaded. */
  void navigate(String url) throws InterruptedException {
    call("Page.navigate", params().put("url", url));
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!(url.equals(evaluate("location.href").asText())
        && "complete".equals(evaluate("document.readyState").asText()))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Page did not load: " + url);
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS);
    } finally {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** Collects (possibly fragmented) messages and completes the calls they answer. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder buffer = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        String text = buffer.toString();
        buffer.setLength(0);
        try {
          JsonNode message = JSON.readTree(text);
          CompletableFuture<JsonNode> answer =
              message.has("id") ? pending.remove(message.get("id").asInt()) : null;
          if (answer != null && message.has("error")) {
            answer.completeExceptionally(
                new IllegalStateException("DevTools error: " + message.get("error")));
          } else if (answer != null) {
            answer.complete(message.path("result"));
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
