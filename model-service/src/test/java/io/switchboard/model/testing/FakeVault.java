package io.switchboard.model.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * vault-service's {@code POST /internal/vault/resolve} contract on {@link Upstreams}: answers only
 * a service token, only the owner's credential (404 otherwise), 409 for expired ones.
 */
public final class FakeVault {

  private record Stored(UUID owner, String value, boolean expired) {}

  private static final Map<UUID, Stored> CREDENTIALS = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final AtomicInteger CALLS = new AtomicInteger();

  private FakeVault() {}

  public static UUID store(UUID owner, String value) {
    UUID id = UUID.randomUUID();
    CREDENTIALS.put(id, new Stored(owner, value, false));
    install();
    return id;
  }

  public static UUID storeExpired(UUID owner) {
    UUID id = UUID.randomUUID();
    CREDENTIALS.put(id, new Stored(owner, "sk-old", true));
    install();
    return id;
  }

  public static void install() {
    Upstreams.on(
        "/internal/vault/resolve",
        exchange -> {
          CALLS.incrementAndGet();
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          if (auth == null || !auth.startsWith("Bearer ") || !isServiceToken(auth.substring(7))) {
            Upstreams.reply(exchange, 403, "{\"code\":\"forbidden\"}");
            return;
          }
          JsonNode body = JSON.readTree(exchange.getRequestBody());
          Stored c = CREDENTIALS.get(UUID.fromString(body.path("credentialId").asText()));
          if (c == null || !c.owner().toString().equals(body.path("userId").asText())) {
            Upstreams.reply(exchange, 404, "{\"code\":\"not_found\"}");
            return;
          }
          if (c.expired()) {
            Upstreams.reply(exchange, 409, "{\"code\":\"credential_expired\"}");
            return;
          }
          Upstreams.reply(
              exchange,
              200,
              JSON.createObjectNode()
                  .put("id", body.path("credentialId").asText())
                  .put("name", "key")
                  .put("value", c.value())
                  .put("version", 1)
                  .toString());
        });
  }

  private static boolean isServiceToken(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length < 2) {
      return false;
    }
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    return payload.contains("\"service\"")
        && payload.contains("\"typ\":\"service\"")
        && payload.contains("\"sub\":\"model-service\"");
  }
}
