package io.switchboard.skill.hook;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.skill.builtin.http.AddressGuard;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One webhook delivery: POST the event JSON, signed {@code X-Signature: sha256=<hex HMAC-SHA256 of
 * the body with the hook's secret>}, with {@code X-Switchboard-Event} (the event type) and {@code
 * X-Switchboard-Delivery} (the execution id). The target is checked by the address guard again
 * right before (names may resolve differently now); redirects are not followed.
 */
@ApplicationScoped
public class WebhookSender {

  /** What one attempt gave: a status (2xx = delivered) or an error; retry or not. */
  public record Attempt(Integer status, String error, boolean retryable) {
    public boolean delivered() {
      return status != null && status >= 200 && status < 300;
    }
  }

  private final AddressGuard guard;
  private final HooksConfig config;
  private final HttpClient client;

  public WebhookSender(AddressGuard guard, HooksConfig config) {
    this.guard = guard;
    this.config = config;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(config.webhookTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public static String signature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  public Attempt send(Hook hook, UUID deliveryId, String eventType, byte[] body) {
    URI url;
    try {
      url = URI.create(hook.actionConfig.path("url").asText());
      guard.check(url, Optional.empty(), config.allowedPrivateHosts().orElse(List.of()));
    } catch (IllegalArgumentException e) {
      return new Attempt(null, "invalid URL", false);
    } catch (AddressGuard.Refused e) {
      return new Attempt(null, "address_refused: " + e.getMessage(), false);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(config.webhookTimeout())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    JsonNode headers = hook.actionConfig.path("headers");
    headers.fieldNames().forEachRemaining(n -> request.header(n, headers.get(n).asText()));
    request
        .header("Content-Type", "application/json")
        .header("User-Agent", "switchboard-hooks")
        .header("X-Switchboard-Event", eventType)
        .header("X-Switchboard-Delivery", deliveryId.toString())
        .header("X-Signature", signature(hook.secret, body));
    try {
      HttpResponse<Void> response =
          client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      boolean ok = status >= 200 && status < 300;
      return new Attempt(status, ok ? null : "HTTP " + status, !ok);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(null, "interrupted", false);
    } catch (java.io.IOException e) {
      return new Attempt(null, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
    }
  }
}
