package io.switchboard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.launcher.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, "a service restarted in the middle of each long operation completes exactly once", for
 * skill-service's webhook delivery and vault-service's master-key re-wrap ({@code kill -9} mid-way,
 * restart).
 */
class DeliveryFaultsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CREDENTIALS = 1200;

  @Test
  void shouldDeliverAWebhookCutOffByAKillOncePerEventAfterDeduplication() throws Exception {
    Stack stack = SharedStack.get();
    String user = SharedStack.register("hook");
    try (Receiver receiver = new Receiver()) {
      String hookId =
          given()
              .auth()
              .oauth2(user)
              .contentType("application/json")
              .body(
                  Map.of(
                      "name",
                      "fault-hook",
                      "trigger",
                      "agent.message",
                      "action",
                      Map.of("type", "webhook", "config", Map.of("url", receiver.url("/hook")))))
              .post("/api/hooks")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      receiver.hold();
      String agentId = FaultsIT.spawn(user, "hello hooks");
      receiver.awaitArrival(); // a delivery is in flight

      stack.killService("skill-service");
      receiver.release();
      stack.startService("skill-service");

      FaultsIT.awaitAgent(user, agentId, "idle");
      long messages =
          FaultsIT.events(user, agentId).stream()
              .filter(e -> "agent.message".equals(e.get("type")))
              .count();
      FaultsIT.await(
          "every execution of the hook succeeded",
          () -> {
            List<String> statuses = executions(user, hookId, "status");
            return statuses.size() == messages && statuses.stream().allMatch("succeeded"::equals);
          });
      List<String> executionIds = executions(user, hookId, "id");
      List<String> eventIds = executions(user, hookId, "eventId");
      assertThat(eventIds).doesNotHaveDuplicates().hasSize((int) messages);

      // The receiver deduplicates by X-Switchboard-Delivery (the execution id): then every event
      // was processed exactly once, and nothing it did not expect arrived.
      Set<String> deliveries = new HashSet<>();
      Set<String> events = new HashSet<>();
      for (Receiver.Request request : receiver.requests()) {
        assertThat(executionIds).contains(request.delivery());
        if (deliveries.add(request.delivery())) {
          events.add(JSON.readTree(request.body()).path("id").asText());
        }
      }
      assertThat(deliveries).containsExactlyInAnyOrderElementsOf(executionIds);
      assertThat(events).containsExactlyInAnyOrderElementsOf(eventIds);
      System.out.printf(
          "[faults] skill-service killed mid-delivery: %d events, %d deliveries received, %d"
              + " after dedup by delivery id%n",
          messages, receiver.requests().size(), deliveries.size());
    }
  }

  @Test
  void shouldResolveEveryCredentialAfterAReWrapCutOffByAKill() throws Exception {
    Stack stack = SharedStack.get();
    UUID owner = UUID.randomUUID();
    String user = SharedStack.tokens().valid(owner);
    String admin = SharedStack.tokens().admin(UUID.randomUUID());
    String service = SharedStack.tokens().service("skill-service");
    String vault = stack.url("vault-service");
    HttpClient http = HttpClient.newHttpClient();

    // Credentials under master key 1 (the one the stack generated).
    Map<String, String> values = create(http, vault, user, CREDENTIALS);

    // Runbook step 1: a second master key beside the first, restart.
    String key1 =
        Files.readString(
                stack.config().dataDir().resolve("vault/master-key-1"), StandardCharsets.US_ASCII)
            .trim();
    byte[] key2 = new byte[32];
    new SecureRandom().nextBytes(key2);
    stack.stopService("vault-service");
    stack.startService(
        "vault-service",
        Map.of(
            "SWITCHBOARD_VAULT_MASTER_KEYS_1",
            key1,
            "SWITCHBOARD_VAULT_MASTER_KEYS_2",
            Base64.getEncoder().encodeToString(key2)));

    // Step 2, killed mid-way: once the first batch is committed under key 2.
    int total;
    int before;
    try (Connection db =
        DriverManager.getConnection(
            stack.config().jdbcUrl("switchboard_vault"), "postgres", "postgres")) {
      total = count(db, "SELECT count(*) FROM credential_secret");
      CompletableFuture<HttpResponse<String>> rewrap =
          http.sendAsync(
              post(vault + "/api/vault/admin/rewrap", admin, "{}"),
              HttpResponse.BodyHandlers.ofString());
      while (count(db, "SELECT count(*) FROM credential_secret WHERE master_key_version = 2") == 0
          && !rewrap.isDone()) {
        Thread.sleep(10);
      }
      stack.killService("vault-service");
      before = count(db, "SELECT count(*) FROM credential_secret WHERE master_key_version = 2");
      System.out.printf(
          "[faults] vault killed mid re-wrap: %d of %d data keys re-wrapped at the kill%n",
          before, total);
    }
    stack.startService("vault-service");

    // Run again: it continues with what is left, each data key re-wrapped once.
    Map<?, ?> again = rewrap(http, vault, admin);
    assertThat(again.get("activeMasterKeyVersion")).isEqualTo(2);
    assertThat(again.get("unreadable")).isEqualTo(0);
    assertThat(((Number) again.get("rewrapped")).intValue()).isEqualTo(total - before);
    assertThat(rewrap(http, vault, admin).get("rewrapped")).isEqualTo(0);

    // Every credential still resolves to its value.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> checks = new ArrayList<>();
      values.forEach(
          (id, value) ->
              checks.add(
                  pool.submit(
                      () -> {
                        HttpResponse<String> resolved =
                            http.send(
                                post(
                                    vault + "/internal/vault/resolve",
                                    service,
                                    JSON.writeValueAsString(
                                        Map.of("userId", owner.toString(), "credentialId", id))),
                                HttpResponse.BodyHandlers.ofString());
                        return resolved.statusCode() == 200
                                && value.equals(
                                    JSON.readTree(resolved.body()).path("value").asText())
                            ? null
                            : id + " → " + resolved.statusCode();
                      })));
      List<String> failures = new ArrayList<>();
      for (Future<String> check : checks) {
        if (check.get() != null) {
          failures.add(check.get());
        }
      }
      assertThat(failures).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> executions(String user, String hookId, String field) {
    return given()
        .auth()
        .oauth2(user)
        .queryParam("limit", 100)
        .get("/api/hooks/" + hookId + "/executions")
        .then()
        .statusCode(200)
        .extract()
        .path("executions." + field);
  }

  private static Map<String, String> create(HttpClient http, String vault, String user, int n)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String[]>> created = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = "fault-" + i;
        String value = "value-" + UUID.randomUUID();
        created.add(
            pool.submit(
                () -> {
                  HttpResponse<String> response =
                      http.send(
                          post(
                              vault + "/api/vault",
                              user,
                              JSON.writeValueAsString(
                                  Map.of(
                                      "name", name, "value", value, "credentialType", "api_key"))),
                          HttpResponse.BodyHandlers.ofString());
                  assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                  return new String[] {JSON.readTree(response.body()).path("id").asText(), value};
                }));
      }
      Map<String, String> values = new java.util.HashMap<>();
      for (Future<String[]> f : created) {
        values.put(f.get()[0], f.get()[1]);
      }
      return values;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Map<?, ?> rewrap(HttpClient http, String vault, String admin) throws Exception {
    HttpResponse<String> response =
        http.send(
            post(vault + "/api/vault/admin/rewrap", admin, "{}"),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readValue(response.body(), Map.class);
  }

  private static HttpRequest post(String url, String token, String body) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static int count(Connection db, String sql) throws Exception {
    try (ResultSet rows = db.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
