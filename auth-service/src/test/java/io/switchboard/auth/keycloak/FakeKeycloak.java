package io.switchboard.auth.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback stand-in for a Keycloak realm, enough for auth-service: the realm's JWKS, its token
 * endpoint (client credentials for the admin client; authorization code with PKCE S256 checked),
 * and the admin API calls the sync and the disabled check make. Tests drive it over HTTP under
 * {@code /__fake} (the test and the test resource live in different class loaders): mint tokens
 * (signed by the realm key, or by a foreign key), add users, disable them, read them back, pretend
 * to sign a browser in, and drop every connection ({@code down}) to act unreachable.
 */
final class FakeKeycloak implements AutoCloseable {

  static final String REALM = "switchboard";
  static final String ADMIN_SECRET = "fake-admin-secret";
  private static final String ADMIN_TOKEN = "fake-admin-token";

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final KeyPair realmKey = rsa();
  private final KeyPair foreignKey = rsa();
  private final Map<String, ObjectNode> users = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> codes = new ConcurrentHashMap<>();
  private volatile boolean down;

  FakeKeycloak() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String issuer() {
    return url() + "/realms/" + REALM;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/__fake/")) {
        control(exchange, path.substring("/__fake/".length()));
        return;
      }
      if (down) {
        return; // closes the connection without an answer
      }
      String oidc = "/realms/" + REALM + "/protocol/openid-connect/";
      if (path.equals(oidc + "certs")) {
        send(exchange, 200, jwks());
      } else if (path.equals(oidc + "token")) {
        token(exchange);
      } else if (path.startsWith("/admin/realms/" + REALM + "/")) {
        if (!("Bearer " + ADMIN_TOKEN)
            .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
          send(exchange, 401, json.createObjectNode().put("error", "unauthorized"));
          return;
        }
        admin(exchange, path.substring(("/admin/realms/" + REALM + "/").length()));
      } else {
        send(exchange, 404, json.createObjectNode().put("error", "not_found"));
      }
    } catch (RuntimeException e) {
      send(exchange, 500, json.createObjectNode().put("error", e.toString()));
    }
  }

  // ---- the realm

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes()));
    String basic = exchange.getRequestHeaders().getFirst("Authorization");
    if (basic != null && basic.startsWith("Basic ")) {
      String[] client =
          new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8)
              .split(":", 2);
      form.put("client_id", URLDecoder.decode(client[0], StandardCharsets.UTF_8));
      form.put("client_secret", URLDecoder.decode(client[1], StandardCharsets.UTF_8));
    }
    switch (form.getOrDefault("grant_type", "")) {
      case "client_credentials" -> {
        if (!"switchboard-admin".equals(form.get("client_id"))
            || !ADMIN_SECRET.equals(form.get("client_secret"))) {
          send(exchange, 401, json.createObjectNode().put("error", "unauthorized_client"));
          return;
        }
        send(
            exchange,
            200,
            json.createObjectNode()
                .put("access_token", ADMIN_TOKEN)
                .put("token_type", "Bearer")
                .put("expires_in", 300)
                .put("refresh_expires_in", 0));
      }
      case "authorization_code" -> {
        ObjectNode code = codes.remove(form.getOrDefault("code", ""));
        if (code == null
            || !code.path("redirectUri").asText().equals(form.get("redirect_uri"))
            || !code.path("challenge").asText().equals(s256(form.get("code_verifier")))) {
          send(exchange, 400, json.createObjectNode().put("error", "invalid_grant"));
          return;
        }
        ObjectNode claims = (ObjectNode) code.get("claims");
        ObjectNode id =
            claims.deepCopy().put("typ", "ID").put("nonce", code.path("nonce").asText());
        send(
            exchange,
            200,
            json.createObjectNode()
                .put("access_token", sign(claims, false))
                .put("id_token", sign(id, false))
                .put("token_type", "Bearer"));
      }
      default -> send(exchange, 400, json.createObjectNode().put("error", "unsupported_grant"));
    }
  }

  private void admin(HttpExchange exchange, String path) throws IOException {
    String method = exchange.getRequestMethod();
    String[] parts = path.split("/");
    if (parts[0].equals("roles") && parts.length == 2) {
      send(exchange, 200, role(parts[1]));
    } else if (parts[0].equals("users") && parts.length == 1) {
      if (method.equals("POST")) {
        ObjectNode user = (ObjectNode) json.readTree(exchange.getRequestBody());
        String username = user.path("username").asText();
        if (users.values().stream().anyMatch(u -> u.path("username").asText().equals(username))) {
          send(exchange, 409, json.createObjectNode().put("errorMessage", "User exists"));
          return;
        }
        String id = UUID.randomUUID().toString();
        user.put("id", id).set("realmRoles", json.createArrayNode());
        users.put(id, user);
        exchange
            .getResponseHeaders()
            .set("Location", url() + "/admin/realms/" + REALM + "/users/" + id);
        exchange.sendResponseHeaders(201, -1);
      } else {
        String username = query(exchange).get("username");
        ArrayNode found = json.createArrayNode();
        users.values().stream()
            .filter(u -> u.path("username").asText().equals(username))
            .forEach(found::add);
        send(exchange, 200, found);
      }
    } else if (parts[0].equals("users") && parts.length >= 2) {
      ObjectNode user = users.get(parts[1]);
      if (user == null) {
        send(exchange, 404, json.createObjectNode().put("error", "User not found"));
        return;
      }
      if (parts.length == 2) {
        switch (method) {
          case "GET" -> send(exchange, 200, user);
          case "PUT" -> {
            JsonNode update = json.readTree(exchange.getRequestBody());
            user.put("email", update.path("email").asText());
            exchange.sendResponseHeaders(204, -1);
          }
          case "DELETE" -> {
            users.remove(parts[1]);
            exchange.sendResponseHeaders(204, -1);
          }
          default -> send(exchange, 405, json.createObjectNode());
        }
      } else {
        roleMappings(exchange, user, method);
      }
    } else {
      send(exchange, 404, json.createObjectNode().put("error", "not_found"));
    }
  }

  private void roleMappings(HttpExchange exchange, ObjectNode user, String method)
      throws IOException {
    ArrayNode held = (ArrayNode) user.get("realmRoles");
    if (method.equals("GET")) {
      ArrayNode roles = json.createArrayNode();
      held.forEach(name -> roles.add(role(name.asText())));
      send(exchange, 200, roles);
      return;
    }
    for (JsonNode role : json.readTree(exchange.getRequestBody())) {
      String name = role.path("name").asText();
      for (Iterator<JsonNode> it = held.iterator(); it.hasNext(); ) {
        if (it.next().asText().equals(name)) {
          it.remove();
        }
      }
      if (method.equals("POST")) {
        held.add(name);
      }
    }
    exchange.sendResponseHeaders(204, -1);
  }

  private ObjectNode role(String name) {
    return json.createObjectNode().put("id", "role-" + name).put("name", name);
  }

  // ---- control, for the tests

  private void control(HttpExchange exchange, String what) throws IOException {
    JsonNode body =
        exchange.getRequestMethod().equals("POST")
            ? json.readTree(exchange.getRequestBody())
            : json.createObjectNode();
    switch (what) {
      case "token" -> {
        ObjectNode claims = claims(body);
        send(
            exchange,
            200,
            json.createObjectNode().put("token", sign(claims, body.path("foreign").asBoolean())));
      }
      case "user" -> {
        ObjectNode user =
            json.createObjectNode()
                .put("id", body.path("id").asText(UUID.randomUUID().toString()))
                .put("username", body.path("username").asText())
                .put("email", body.path("email").asText())
                .put("enabled", body.path("enabled").asBoolean(true));
        user.set("realmRoles", json.createArrayNode());
        users.put(user.path("id").asText(), user);
        send(exchange, 200, user);
      }
      case "users" -> {
        ArrayNode all = json.createArrayNode();
        users.values().forEach(all::add);
        send(exchange, 200, all);
      }
      case "disable" -> {
        users.get(body.path("id").asText()).put("enabled", false);
        send(exchange, 200, json.createObjectNode());
      }
      case "authorize" -> {
        // The browser came with the authorization URL; the user signs in as body.claims.
        Map<String, String> query = form(URI.create(body.path("location").asText()).getRawQuery());
        String code = UUID.randomUUID().toString();
        ObjectNode grant =
            json.createObjectNode()
                .put("challenge", query.get("code_challenge"))
                .put("nonce", body.path("nonce").asText(query.get("nonce")))
                .put("redirectUri", query.get("redirect_uri"));
        grant.set("claims", claims(body));
        codes.put(code, grant);
        send(
            exchange,
            200,
            json.createObjectNode().put("code", code).put("state", query.get("state")));
      }
      case "remove" -> {
        users
            .values()
            .removeIf(u -> u.path("username").asText().equals(body.path("username").asText()));
        send(exchange, 200, json.createObjectNode());
      }
      case "down" -> {
        down = body.path("down").asBoolean();
        send(exchange, 200, json.createObjectNode());
      }
      default -> send(exchange, 404, json.createObjectNode());
    }
  }

  /** Access token claims: defaults of a realm user, overridden by {@code body}. */
  private ObjectNode claims(JsonNode body) {
    ObjectNode claims = json.createObjectNode();
    long now = Instant.now().getEpochSecond();
    claims.put("iss", issuer()).put("typ", "Bearer").put("azp", "switchboard");
    claims.put("iat", now).put("exp", now + 300).put("email_verified", true);
    body.path("claims").fields().forEachRemaining(e -> claims.set(e.getKey(), e.getValue()));
    return claims;
  }

  private String sign(ObjectNode claims, boolean foreign) {
    Map<String, Object> map = json.convertValue(claims, Map.class);
    JwtClaimsBuilder builder = Jwt.claims(map);
    return builder
        .jws()
        .algorithm(SignatureAlgorithm.RS256)
        .keyId(foreign ? "foreign" : "realm")
        .sign((foreign ? foreignKey : realmKey).getPrivate());
  }

  private ObjectNode jwks() {
    RSAPublicKey key = (RSAPublicKey) realmKey.getPublic();
    ObjectNode jwk =
        json.createObjectNode()
            .put("kty", "RSA")
            .put("kid", "realm")
            .put("use", "sig")
            .put("alg", "RS256")
            .put("n", base64(key.getModulus()))
            .put("e", base64(key.getPublicExponent()));
    ObjectNode jwks = json.createObjectNode();
    jwks.putArray("keys").add(jwk);
    return jwks;
  }

  private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    return form(exchange.getRequestURI().getRawQuery());
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> values = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return values;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      values.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }

  private static String s256(String verifier) {
    if (verifier == null) {
      return "";
    }
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes[0] == 0 && bytes.length > 1) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
