package io.switchboard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restassured.response.Response;
import io.switchboard.defaults.security.TokenClaims;
import io.switchboard.launcher.Stack;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 11, tokens: every token of {@link io.switchboard.testing.HostileTokens}, built with the
 * stack's own key, kid, issuer and audience, sent to one user endpoint of every service directly
 * and through the gateway, and to the gateway's WebSocket handshake. Each must be refused with 401
 * {@code invalid_token} (the WebSocket: close 4001), while the stack's valid tokens pass on every
 * target. Also the wrong kind of valid token: a service token on user endpoints, a user token on
 * every service's {@code /internal/*} endpoint.
 */
class JwtAttackSweepIT {

  private static final AtomicInteger ATTEMPTS = new AtomicInteger();
  private static final AtomicInteger REFUSED = new AtomicInteger();
  private static Stack stack;
  private static StackTokens tokens;
  private static Map<String, String> hostile;
  private static String account;

  /** A target: a user endpoint of a service, at the service itself or through the gateway. */
  record Target(String name, String baseUrl, String path) {}

  /** An {@code /internal/*} call of a service and what a service token gets from it. */
  record InternalCall(String service, String method, String path, String body, int serviceStatus) {}

  @BeforeAll
  static void buildTheTokens() throws Exception {
    stack = SharedStack.get();
    tokens = SharedStack.tokens();
    hostile = tokens.hostile().all();
    account = SharedStack.register("sweep");
  }

  static List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    SharedStack.USER_READS.forEach(
        (service, path) -> {
          targets.add(new Target(service + " " + path, stack.url(service), path));
          targets.add(new Target("gateway " + path, stack.gatewayUrl(), path));
        });
    return targets;
  }

  @Test
  void shouldServeTheStacksValidTokensOnEveryTarget() throws Exception {
    String signedHere = tokens.hostile().valid(); // what every hostile token is a variation of
    for (Target target : targets()) {
      get(target, account).then().statusCode(200);
      // A valid token of a user auth-service does not know: past authentication, then 404.
      get(target, signedHere).then().statusCode(target.path().equals("/api/auth/me") ? 404 : 200);
    }
    try (WsProbe socket = WsProbe.open(stack.gatewayUrl(), account)) {
      assertThat(socket.send("{\"type\":\"ping\"}")).isTrue();
      socket.await(WsProbe.type("pong"));
    }
  }

  @TestFactory
  Stream<DynamicTest> shouldRefuseEveryHostileTokenOnEveryTarget() {
    return targets().stream()
        .map(
            target ->
                DynamicTest.dynamicTest(
                    target.name(),
                    () -> {
                      List<String> accepted = new ArrayList<>();
                      hostile.forEach(
                          (name, token) -> {
                            ATTEMPTS.incrementAndGet();
                            Response response = get(target, token);
                            String code = response.jsonPath().getString("code");
                            if (response.statusCode() == 401
                                && response.contentType().startsWith("application/problem+json")
                                && "invalid_token".equals(code)) {
                              REFUSED.incrementAndGet();
                            } else {
                              accepted.add(name + ": " + response.statusCode() + " " + code);
                            }
                          });
                      assertThat(accepted).as(target.name()).isEmpty();
                    }));
  }

  @Test
  void shouldCloseTheWebSocketWith4001ForEveryHostileToken() throws Exception {
    for (Map.Entry<String, String> attack : hostile.entrySet()) {
      ATTEMPTS.incrementAndGet();
      if (attack.getValue().length() > TokenClaims.MAX_TOKEN_CHARS) {
        // Too long for the request line: refused before any socket opens.
        assertThatThrownBy(() -> WsProbe.connect(stack.gatewayUrl(), attack.getValue()))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOf(WebSocketHandshakeException.class)
            .satisfies(
                e ->
                    assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .as(attack.getKey())
                        .isEqualTo(414));
      } else {
        try (WsProbe socket = WsProbe.connect(stack.gatewayUrl(), attack.getValue())) {
          assertThat(socket.closeCause()).as(attack.getKey()).startsWith("4001 ");
          assertThat(socket.frames).as(attack.getKey() + ": nothing before the close").isEmpty();
        }
      }
      REFUSED.incrementAndGet();
    }
  }

  @Test
  void shouldRefuseAServiceTokenOnUserEndpoints() throws Exception {
    String service = tokens.service("agent-service");
    for (Target target : targets()) {
      boolean atGateway = target.baseUrl().equals(stack.gatewayUrl());
      // The gateway takes user tokens only; a service checks the role: 403.
      Response response = get(target, service);
      response.then().statusCode(atGateway ? 401 : 403).contentType("application/problem+json");
      assertThat(response.jsonPath().getString("code"))
          .as(target.name())
          .isEqualTo(atGateway ? "invalid_token" : "forbidden");
    }
  }

  @Test
  void shouldRefuseAUserTokenOnEveryInternalEndpoint() throws Exception {
    String serviceToken = tokens.service("agent-service");
    for (InternalCall call : internalCalls()) {
      String where = call.service() + " " + call.method() + " " + call.path();
      Response asUser = send(stack.url(call.service()), call, account);
      asUser.then().statusCode(403).contentType("application/problem+json");
      assertThat(asUser.jsonPath().getString("code")).as(where).isEqualTo("forbidden");
      // The control: a service token gets past the role check.
      send(stack.url(call.service()), call, serviceToken).then().statusCode(call.serviceStatus());
      // The gateway never routes /internal/*.
      Response viaGateway = send(stack.gatewayUrl(), call, account);
      viaGateway.then().statusCode(404);
      assertThat(viaGateway.jsonPath().getString("code")).as(where).isEqualTo("not_found");
    }
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "[e2e] JWT attack sweep: %d hostile tokens x %d HTTP targets (6 services directly + the"
            + " same 6 paths through the gateway) + the WebSocket handshake: %d attempts, %d"
            + " refused%n",
        hostile == null ? 0 : hostile.size(),
        stack == null ? 0 : targets().size(),
        ATTEMPTS.get(),
        REFUSED.get());
  }

  private static List<InternalCall> internalCalls() {
    UUID user = UUID.randomUUID();
    return List.of(
        new InternalCall(
            "auth-service",
            "POST",
            "/internal/link-codes",
            "{\"channelType\":\"telegram\",\"channelUserId\":\"42\"}",
            201),
        new InternalCall(
            "agent-service", "GET", "/internal/agents/" + user + "?userId=" + user, null, 404),
        new InternalCall(
            "model-service",
            "POST",
            "/internal/completions",
            "{\"userId\":\"" + user + "\",\"messages\":[],\"model\":\"none\"}",
            400),
        new InternalCall("skill-service", "GET", "/internal/tools", null, 200),
        new InternalCall(
            "vault-service",
            "POST",
            "/internal/vault/resolve",
            "{\"userId\":\"" + user + "\",\"name\":\"nothing-here\"}",
            404),
        new InternalCall(
            "pipeline-service", "GET", "/internal/approvals/pending?userId=" + user, null, 200));
  }

  private static Response get(Target target, String token) {
    return given()
        .baseUri(target.baseUrl())
        .header("Authorization", "Bearer " + token)
        .get(target.path());
  }

  private static Response send(String baseUrl, InternalCall call, String token) {
    var request = given().baseUri(baseUrl).header("Authorization", "Bearer " + token);
    if (call.body() != null) {
      request = request.contentType("application/json").body(call.body());
    }
    return request.request(call.method(), call.path());
  }
}
