package io.switchboard.model.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * One loopback HTTP server (JDK) standing in for the services model-service is configured to call
 * (vault-service, the Ollama and LiteLLM servers, the speech-to-text server), registered as a
 * config source so the app under test points at it. Tests install a handler per path.
 */
public class Upstreams implements ConfigSource {

  private static final Map<String, HttpHandler> HANDLERS = new ConcurrentHashMap<>();
  private static final HttpServer SERVER = start();

  private static HttpServer start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", Upstreams::dispatch);
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String url() {
    return "http://127.0.0.1:" + SERVER.getAddress().getPort();
  }

  public static void on(String path, HttpHandler handler) {
    HANDLERS.put(path, handler);
  }

  public static void off(String path) {
    HANDLERS.remove(path);
  }

  private static void dispatch(HttpExchange exchange) throws IOException {
    HttpHandler handler = HANDLERS.get(exchange.getRequestURI().getPath());
    if (handler == null) {
      reply(exchange, 404, "{\"error\":\"no handler\"}");
      return;
    }
    try {
      handler.handle(exchange);
    } catch (RuntimeException e) {
      reply(exchange, 500, "{\"error\":\"" + e.getMessage() + "\"}");
    }
  }

  public static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private static final Map<String, String> PROPERTIES = properties();

  private static Map<String, String> properties() {
    Map<String, String> p = new java.util.HashMap<>();
    p.put("switchboard.vault.url", url());
    p.put("switchboard.models.servers.ollama-url", url() + "/ollama");
    p.put("switchboard.models.servers.litellm-url", url() + "/litellm");
    p.put("switchboard.voice.endpoint", url() + "/stt");
    p.put("switchboard.cli.tools.fake.command", FakeCli.path("fake"));
    p.put("switchboard.cli.tools.quotatool.command", FakeCli.path("quotatool"));
    p.put("switchboard.cli.tools.stdintool.command", FakeCli.path("stdintool"));
    p.put("switchboard.cli.tools.stdintool.args", "--print");
    p.put("switchboard.cli.tools.limited.command", FakeCli.path("fake"));
    p.put("switchboard.cli.tools.limited.daily-requests", "1");
    p.put("switchboard.cli.tools.slow.command", FakeCli.path("slow"));
    return Map.copyOf(p);
  }

  @Override
  public Map<String, String> getProperties() {
    return PROPERTIES;
  }

  @Override
  public Set<String> getPropertyNames() {
    return getProperties().keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return getProperties().get(propertyName);
  }

  @Override
  public int getOrdinal() {
    return 500;
  }

  @Override
  public String getName() {
    return "model-service-test-upstreams";
  }
}
