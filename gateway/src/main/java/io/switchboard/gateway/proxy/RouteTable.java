package io.switchboard.gateway.proxy;

import io.switchboard.gateway.config.UpstreamService;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which service owns a public path, and which paths need no token. Prefixes match whole path
 * segments: {@code /api/agents} owns {@code /api/agents} and {@code /api/agents/...}, not {@code
 * /api/agentsx}. Paths are the normalized request path (dot segments resolved).
 */
public final class RouteTable {

  /** The well-known JWKS of auth-service, proxied publicly. */
  public static final String JWKS_PATH = "/.well-known/jwks.json";

  /**
   * Where a path goes: the service that owns it and its route template for metrics ({@code
   * /api/agents/*} for {@code /api/agents/a-1/messages}; never the path itself, which carries ids).
   */
  public record Route(UpstreamService service, String template) {}

  private static final Route JWKS_ROUTE = new Route(UpstreamService.AUTH, JWKS_PATH);

  private record Prefix(String path, Route route) {
    Prefix(String path, UpstreamService service) {
      this(path, new Route(service, path + "/*"));
    }
  }

  private static final List<Prefix> PREFIXES =
      List.of(
          new Prefix("/api/auth", UpstreamService.AUTH),
          new Prefix("/api/admin/users", UpstreamService.AUTH),
          new Prefix("/api/admin/identity", UpstreamService.AUTH),
          new Prefix("/api/agents", UpstreamService.AGENT),
          new Prefix("/api/sessions", UpstreamService.AGENT),
          new Prefix("/api/chat", UpstreamService.AGENT),
          new Prefix("/api/models", UpstreamService.MODEL),
          new Prefix("/api/voice", UpstreamService.MODEL),
          new Prefix("/api/skills", UpstreamService.SKILL),
          new Prefix("/api/hooks", UpstreamService.SKILL),
          new Prefix("/api/vault", UpstreamService.VAULT),
          new Prefix("/api/pipelines", UpstreamService.PIPELINE),
          new Prefix("/api/notifications", UpstreamService.PIPELINE));

  /** Paths anyone may call with {@code POST} without a token: sign-up and the ways to sign in. */
  private static final Set<String> PUBLIC_POSTS =
      Set.of(
          "/api/auth/register",
          "/api/auth/login",
          "/api/auth/passkey/authenticate",
          "/api/auth/passkey/authenticate/options",
          "/api/auth/oidc/exchange");

  /** Paths anyone may {@code GET} without a token: the single sign-on round trip. */
  private static final Set<String> PUBLIC_GETS =
      Set.of("/api/auth/oidc/login", "/api/auth/oidc/callback");

  private RouteTable() {}

  /** Service-to-service APIs: never reachable through the gateway. */
  public static boolean isInternal(String path) {
    return underPrefix(path, "/internal") || underPrefix(path, "/api/internal");
  }

  /** The route of the path (its service and template), or empty when no service owns it (a 404). */
  public static Optional<Route> route(HttpMethod method, String path) {
    if (isInternal(path)) {
      return Optional.empty();
    }
    if (path.equals(JWKS_PATH)) {
      return method == HttpMethod.GET ? Optional.of(JWKS_ROUTE) : Optional.empty();
    }
    if (path.equals("/api/auth")) {
      return Optional.empty();
    }
    for (Prefix prefix : PREFIXES) {
      if (underPrefix(path, prefix.path())) {
        return Optional.of(prefix.route());
      }
    }
    return Optional.empty();
  }

  /** Whether the path may be called without a bearer token. */
  public static boolean isPublic(HttpMethod method, String path) {
    return method == HttpMethod.GET && (path.equals(JWKS_PATH) || PUBLIC_GETS.contains(path))
        || method == HttpMethod.POST && PUBLIC_POSTS.contains(path);
  }

  /** The prefix itself or a path below it (not {@code /api/agentsX}); no allocation per call. */
  private static boolean underPrefix(String path, String prefix) {
    return path.startsWith(prefix)
        && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
  }
}
