package io.switchboard.model.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.model.config.ModelsConfig;
import io.switchboard.model.provider.ProviderException;
import io.switchboard.model.provider.ProviderException.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The JDK HTTP client every provider speaks through: JSON in and out, timeouts, retries with
 * exponential back-off on retryable failures (unreachable, timeout, 408, 429, 5xx; a {@code
 * Retry-After} up to 30 s wins), and streamed bodies read line by line (SSE or NDJSON). A stream is
 * retried only before its body starts; closing it (the caller went away) cancels the call.
 */
@ApplicationScoped
public class ProviderHttp {

  private final HttpClient client;
  private final ObjectMapper json;
  private final Duration timeout;
  private final int retries;
  private final Duration backoff;

  public ProviderHttp(ModelsConfig config, ObjectMapper json) {
    this.json = json;
    this.timeout = config.calls().requestTimeout();
    this.retries = config.calls().retries();
    this.backoff = config.calls().backoff();
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(config.calls().connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public ObjectMapper json() {
    return json;
  }

  public JsonNode postJson(String url, Map<String, String> headers, JsonNode body) {
    HttpResponse<InputStream> r = send(request(url, headers).POST(publisher(body)).build());
    return read(r);
  }

  public JsonNode getJson(String url, Map<String, String> headers) {
    return read(send(request(url, headers).GET().build()));
  }

  /**
   * POSTs and hands every line of the streamed answer to {@code onLine}. A stream silent for longer
   * than the request timeout is cut off (the watchdog closes it).
   */
  public void postLines(
      String url, Map<String, String> headers, JsonNode body, Consumer<String> onLine) {
    HttpResponse<InputStream> r = send(request(url, headers).POST(publisher(body)).build());
    try (StreamWatchdog watchdog = new StreamWatchdog(r.body(), timeout);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        watchdog.alive();
        onLine.accept(line);
      }
      if (watchdog.fired()) {
        throw new ProviderException(Kind.RETRYABLE, 0, "The stream stalled and was cut off");
      }
    } catch (IOException e) {
      throw new ProviderException(Kind.RETRYABLE, 0, "The stream broke off: " + e.getMessage());
    }
  }

  /** POSTs and hands every server-sent event to {@code onEvent}. */
  public void postSse(
      String url, Map<String, String> headers, JsonNode body, Consumer<SseEvent> onEvent) {
    SseParser parser = new SseParser(onEvent);
    postLines(url, headers, body, parser::line);
    parser.end();
  }

  private HttpRequest.Builder request(String url, Map<String, String> headers) {
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    } catch (IllegalArgumentException e) {
      throw new ProviderException(Kind.REJECTED, 0, "Invalid provider URL");
    }
    b.header("Accept", "application/json, text/event-stream, application/x-ndjson");
    b.header("Content-Type", "application/json");
    headers.forEach(b::header);
    return b;
  }

  private HttpRequest.BodyPublisher publisher(JsonNode body) {
    try {
      return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<InputStream> send(HttpRequest request) {
    ProviderException last = null;
    for (int attempt = 0; attempt <= retries; attempt++) {
      if (last != null) {
        pause(attempt, last.retryAfterSeconds());
      }
      try {
        HttpResponse<InputStream> r =
            client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() / 100 == 2) {
          return r;
        }
        last = ProviderErrors.of(r, json);
      } catch (HttpTimeoutException e) {
        last = new ProviderException(Kind.RETRYABLE, 0, "The provider did not answer in time");
      } catch (IOException e) {
        last = new ProviderException(Kind.UNREACHABLE, 0, "The provider is unreachable");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException(Kind.REJECTED, 0, "Cancelled");
      }
      if (!last.retryable()) {
        throw last;
      }
    }
    throw last;
  }

  private JsonNode read(HttpResponse<InputStream> r) {
    try (InputStream in = r.body()) {
      return json.readTree(in);
    } catch (IOException e) {
      throw new ProviderException(
          Kind.RETRYABLE, r.statusCode(), "The provider sent unreadable JSON");
    }
  }

  private void pause(int attempt, Integer retryAfter) {
    long millis =
        retryAfter != null && retryAfter <= 30
            ? retryAfter * 1000L
            : backoff.toMillis() * (1L << Math.min(attempt - 1, 6));
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(Kind.REJECTED, 0, "Cancelled");
    }
  }
}
