package io.switchboard.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.gateway.config.UpstreamService;
import io.switchboard.gateway.proxy.RouteTable.Route;
import io.vertx.core.http.HttpMethod;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTableTest {

  @ParameterizedTest
  @CsvSource({
    "/api/auth/login, AUTH",
    "/api/auth/passkey/register/options, AUTH",
    "/api/agents, AGENT",
    "/api/agents/a-1/events, AGENT",
    "/api/sessions, AGENT",
    "/api/chat/approve, AGENT",
    "/api/models/cli/quota, MODEL",
    "/api/voice/transcribe, MODEL",
    "/api/skills/s/tools/t/execute, SKILL",
    "/api/hooks/h-1/enable, SKILL",
    "/api/vault/v-1/rotate, VAULT",
    "/api/pipelines/templates/t-1, PIPELINE",
    "/api/notifications/read-all, PIPELINE",
    "/.well-known/jwks.json, AUTH"
  })
  void shouldFindTheOwnerOfEachPath(String path, UpstreamService owner) {
    assertEquals(Optional.of(owner), RouteTable.route(HttpMethod.GET, path).map(Route::service));
  }

  @ParameterizedTest
  @CsvSource({
    "/api/agents, AGENT, /api/agents/*",
    "/api/agents/a-1/events, AGENT, /api/agents/*",
    "/api/admin/users/u-9/roles, AUTH, /api/admin/users/*",
    "/api/notifications/read-all, PIPELINE, /api/notifications/*",
    "/.well-known/jwks.json, AUTH, /.well-known/jwks.json"
  })
  void shouldTagEachPathWithItsRouteNeverItsIds(
      String path, UpstreamService owner, String template) {
    assertEquals(Optional.of(new Route(owner, template)), RouteTable.route(HttpMethod.GET, path));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/agentsx",
        "/api/auth",
        "/api/authx/login",
        "/api",
        "/api/",
        "/apix/agents",
        "/api/agentsx",
        "/api/vaults",
        "/agents",
        "/internal/link-codes",
        "/api/internal/agents",
        "/.well-known/other.json"
      })
  void shouldFindNoOwnerForOtherPaths(String path) {
    assertEquals(Optional.empty(), RouteTable.route(HttpMethod.GET, path));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/internal", "/internal/", "/internal/x/y", "/api/internal/x"})
  void shouldRecognizeInternalPaths(String path) {
    assertTrue(RouteTable.isInternal(path));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/internals", "/api/internals", "/api/agents/internal"})
  void shouldNotMistakeLookAlikesForInternal(String path) {
    assertFalse(RouteTable.isInternal(path));
  }

  @ParameterizedTest
  @CsvSource({
    "POST, /api/auth/register",
    "POST, /api/auth/login",
    "POST, /api/auth/passkey/authenticate",
    "POST, /api/auth/passkey/authenticate/options",
    "GET, /.well-known/jwks.json"
  })
  void shouldLetSignInAndKeysThroughWithoutToken(HttpMethod method, String path) {
    assertTrue(RouteTable.isPublic(method, path));
  }

  @ParameterizedTest
  @CsvSource({
    "GET, /api/auth/login",
    "POST, /api/auth/logout",
    "GET, /api/auth/me",
    "POST, /api/auth/passkey/register",
    "POST, /api/auth/login/extra",
    "POST, /api/agents",
    "POST, /.well-known/jwks.json"
  })
  void shouldRequireTokenEverywhereElse(HttpMethod method, String path) {
    assertFalse(RouteTable.isPublic(method, path));
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "DELETE"})
  void shouldRouteJwksOnlyForGet(HttpMethod method) {
    assertEquals(Optional.empty(), RouteTable.route(method, RouteTable.JWKS_PATH));
  }
}
