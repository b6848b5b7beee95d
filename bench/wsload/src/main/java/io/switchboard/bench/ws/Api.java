package io.switchboard.bench.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few REST calls of the benchmarks, through the gateway. */
final class Api {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A registered user: its id and access token. */
  record User(String id, String token) {}

  private final HttpClient http;
  private final String gateway;

  Api(HttpClient http, String gateway) {
    this.http = http;
    this.gateway = gateway;
  }

  User register(String username, String password) throws IOException, InterruptedException {
    JsonNode body =
        call(
            "POST",
            "/api/auth/register",
            null,
            Map.of(
                "username", username, "email", username + "@bench.invalid", "password", password),
            201);
    return new User(body.path("user").path("id").asText(), body.path("token").asText());
  }

  String spawnAgent(User user, String name) throws IOException, InterruptedException {
    return call("POST", "/api/agents", user.token(), Map.of("name", name), 201).path("id").asText();
  }

  void message(User user, String agentId, String text) throws IOException, InterruptedException {
    call("POST", "/api/agents/" + agentId + "/message", user.token(), Map.of("message", text), 202);
  }

  private JsonNode call(String method, String path, String token, Object body, int expected)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(gateway + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IOException(
          method + " " + path + ": " + response.statusCode() + " " + response.body());
    }
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }
}
