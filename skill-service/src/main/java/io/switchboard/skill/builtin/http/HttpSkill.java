package io.switchboard.skill.builtin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.skill.builtin.BuiltinSkill;
import io.switchboard.skill.config.HttpToolConfig;
import io.switchboard.skill.tool.PermissionLevel;
import io.switchboard.skill.tool.Schemas;
import io.switchboard.skill.tool.ToolContext;
import io.switchboard.skill.tool.ToolOutcome;
import io.switchboard.skill.tool.ToolSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code http}: fetches a URL (GET or HEAD) under {@link AddressGuard} and the limits of {@link
 * HttpToolConfig}. Redirects are followed by hand so every hop is checked. Asks by default.
 */
@ApplicationScoped
public class HttpSkill implements BuiltinSkill {

  private static final List<ToolSpec> TOOLS =
      List.of(
          new ToolSpec(
              "fetch",
              "Fetches an http(s) URL and returns status, content type and the body as text"
                  + " (cut at the configured size). Private and metadata addresses are refused.",
              Schemas.parse(
                  """
                  {"type":"object","additionalProperties":false,"required":["url"],
                   "properties":{"url":{"type":"string","minLength":1,"maxLength":2048},
                     "method":{"type":"string","enum":["GET","HEAD"]},
                     "headers":{"type":"object","maxProperties":20,
                       "additionalProperties":{"type":"string","maxLength":4096}}}}\
                  """),
              PermissionLevel.ASK));

  private final AddressGuard guard;
  private final HttpToolConfig config;
  private final HttpClient client;

  public HttpSkill(AddressGuard guard, HttpToolConfig config) {
    this.guard = guard;
    this.config = config;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public String id() {
    return "http";
  }

  @Override
  public String description() {
    return "Fetch web pages and APIs (allow-list, size and time limits, no private addresses).";
  }

  @Override
  public List<ToolSpec> tools() {
    return TOOLS;
  }

  @Override
  public ToolOutcome call(String tool, JsonNode arguments, ToolContext context) {
    String method = arguments.path("method").asText("GET");
    try {
      URI url = new URI(arguments.path("url").asText());
      for (int hop = 0; hop <= config.maxRedirects(); hop++) {
        guard.check(url);
        HttpResponse<InputStream> response =
            client.send(request(url, method, arguments), HttpResponse.BodyHandlers.ofInputStream());
        String location = response.headers().firstValue("Location").orElse(null);
        if (response.statusCode() / 100 == 3 && location != null) {
          response.body().close();
          url = url.resolve(location);
          continue;
        }
        return ToolOutcome.ok(answer(url, response));
      }
      return ToolOutcome.error("More than " + config.maxRedirects() + " redirects");
    } catch (URISyntaxException | IllegalArgumentException e) {
      return refusal("invalid_request", "Not a usable request: " + e.getMessage());
    } catch (AddressGuard.Refused e) {
      return refusal("address_refused", e.getMessage());
    } catch (HttpTimeoutException e) {
      return refusal("timeout", "No answer within " + config.timeout().toSeconds() + "s");
    } catch (IOException e) {
      return refusal("unreachable", "The request failed: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return refusal("interrupted", "The request was interrupted");
    }
  }

  private HttpRequest request(URI url, String method, JsonNode arguments) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(config.timeout())
            .method(method, HttpRequest.BodyPublishers.noBody());
    arguments
        .path("headers")
        .fields()
        .forEachRemaining(h -> request.header(h.getKey(), h.getValue().asText()));
    return request.build();
  }

  private ObjectNode answer(URI url, HttpResponse<InputStream> response) throws IOException {
    int max = config.maxBytes();
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(max + 1);
    }
    boolean truncated = body.length > max;
    int length = truncated ? max : body.length;
    String contentType = response.headers().firstValue("Content-Type").orElse(null);
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("url", url.toString());
    answer.put("status", response.statusCode());
    answer.put("contentType", contentType);
    answer.put("body", new String(body, 0, length, charset(contentType)));
    answer.put("bytes", length);
    answer.put("truncated", truncated);
    return answer;
  }

  private static Charset charset(String contentType) {
    if (contentType != null) {
      for (String part : contentType.split(";")) {
        String p = part.trim().toLowerCase(Locale.ROOT);
        if (p.startsWith("charset=")) {
          try {
            return Charset.forName(p.substring(8).replace("\"", ""));
          } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static ToolOutcome refusal(String code, String message) {
    ToolOutcome outcome = ToolOutcome.error(message);
    ((ObjectNode) outcome.result()).put("code", code);
    return outcome;
  }
}
