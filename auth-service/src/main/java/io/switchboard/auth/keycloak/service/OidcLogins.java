package io.switchboard.auth.keycloak.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.auth.keycloak.KeycloakConfig;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Browser sign-in with the authorization-code flow and PKCE (S256): {@link #start} remembers a
 * random state (as its SHA-256) with the code verifier and nonce and answers the realm's
 * authorization URL; {@link #finish} consumes that state at most once (any replica can), trades the
 * code and verifier for tokens at the realm's token endpoint and answers its access token.
 */
@ApplicationScoped
public class OidcLogins {

  private static final Logger LOG = Logger.getLogger(OidcLogins.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String CONSUME =
      "UPDATE oidc_login SET used_at = now() WHERE state_hash = ? AND used_at IS NULL"
          + " AND expires_at > now() RETURNING code_verifier, nonce";

  private final KeycloakConfig config;
  private final EntityManager entityManager;
  private final DataSource dataSource;
  private final ObjectMapper json;
  private final RealmTokens tokens;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public OidcLogins(
      KeycloakConfig config,
      EntityManager entityManager,
      DataSource dataSource,
      ObjectMapper json,
      RealmTokens tokens) {
    this.config = config;
    this.entityManager = entityManager;
    this.dataSource = dataSource;
    this.json = json;
    this.tokens = tokens;
  }

  /** Starts a sign-in: the URL to send the browser to. */
  @Transactional
  public URI start() {
    String state = random(32);
    String verifier = random(48);
    String nonce = random(24);
    Instant now = Instant.now();
    entityManager
        .createNativeQuery("DELETE FROM oidc_login WHERE expires_at < ?1")
        .setParameter(1, now.minus(Duration.ofHours(1)))
        .executeUpdate();
    entityManager
        .createNativeQuery(
            "INSERT INTO oidc_login (state_hash, code_verifier, nonce, created_at, expires_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5)")
        .setParameter(1, sha256(state))
        .setParameter(2, verifier)
        .setParameter(3, nonce)
        .setParameter(4, now)
        .setParameter(5, now.plus(config.login().stateLifetime()))
        .executeUpdate();
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", config.login().clientId());
    query.put("redirect_uri", config.login().redirectUri());
    query.put("scope", config.login().scope());
    query.put("state", state);
    query.put("nonce", nonce);
    query.put("code_challenge", challenge(verifier));
    query.put("code_challenge_method", "S256");
    // %20 rather than '+' for spaces: unambiguous in a URL's query, whoever decodes it.
    return URI.create(config.endpoint("auth") + "?" + form(query).replace("+", "%20"));
  }

  /** Finishes a sign-in: the realm's access token for the code, or a problem. */
  public String finish(String code, String state) {
    String[] login = consume(state);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", config.login().redirectUri());
    form.put("client_id", config.login().clientId());
    form.put("code_verifier", login[0]);
    config.login().clientSecret().ifPresent(secret -> form.put("client_secret", secret));
    HttpResponse<String> answer;
    try {
      answer =
          http.send(
              HttpRequest.newBuilder(URI.create(config.endpoint("token")))
                  .timeout(TIMEOUT)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      LOG.warnf("Keycloak token endpoint unreachable: %s", e.getMessage());
      throw RealmSignIn.unavailable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RealmSignIn.unavailable();
    }
    if (answer.statusCode() >= 500) {
      throw RealmSignIn.unavailable();
    }
    if (answer.statusCode() != 200) {
      // invalid_grant: a wrong code verifier (PKCE), a used or expired code, another redirect URI.
      throw ProblemException.of(
          401, "oidc_code_rejected", "Code rejected", "The identity provider refused the code");
    }
    try {
      JsonNode body = json.readTree(answer.body());
      String accessToken = body.path("access_token").asText(null);
      String idToken = body.path("id_token").asText(null);
      if (accessToken == null || idToken == null || !login[1].equals(tokens.nonceOf(idToken))) {
        throw RealmTokens.invalid();
      }
      return accessToken;
    } catch (IOException e) {
      throw RealmTokens.invalid();
    }
  }

  /** The verifier and nonce of an unused, unexpired state; 400 {@code invalid_oidc_state} else. */
  String[] consume(String state) {
    String[] row =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  try (Connection connection = dataSource.getConnection();
                      PreparedStatement update = connection.prepareStatement(CONSUME)) {
                    update.setString(1, sha256(state));
                    try (ResultSet result = update.executeQuery()) {
                      return result.next()
                          ? new String[] {result.getString(1), result.getString(2)}
                          : null;
                    }
                  }
                });
    if (row == null) {
      throw ProblemException.of(
          400,
          "invalid_oidc_state",
          "Unknown sign-in",
          "This sign-in was not started here, has expired or was already finished");
    }
    return row;
  }

  static String challenge(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  private static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
