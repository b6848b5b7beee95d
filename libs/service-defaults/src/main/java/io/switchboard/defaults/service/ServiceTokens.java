package io.switchboard.defaults.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.defaults.problem.ProblemCode;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The short-lived service token (role {@code service}) this service presents on {@code /internal/*}
 * calls to other services. Fetched from auth-service with this service's client secret, cached, and
 * renewed when less than a minute of it is left.
 */
@ApplicationScoped
public class ServiceTokens {

  private static final Logger LOG = Logger.getLogger(ServiceTokens.class);
  private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

  private final String tokenUrl;
  private final String name;
  private final Optional<String> configuredSecret;
  private final Path secretFile;
  private final boolean generateSecret;

  /**
   * Made on the first token fetch, not at start-up: building a JDK HTTP client sets up TLS (the
   * default SSL context, its cipher suites and trust store) and a selector thread, ~3 % of a
   * service's start-up CPU on its main thread, for a client some services never use.
   */
  private HttpClient http;

  private final ObjectMapper json;

  private ServiceCredentials credentials;
  private volatile Token current;

  public ServiceTokens(
      @ConfigProperty(name = "switchboard.auth.url") String authUrl,
      @ConfigProperty(
              name = "switchboard.service.name",
              defaultValue = "${quarkus.application.name}")
          String name,
      @ConfigProperty(name = "switchboard.service.secret") Optional<String> configuredSecret,
      @ConfigProperty(
              name = "switchboard.service.secret-file",
              defaultValue =
                  "${switchboard.data-dir:.switchboard}/service-secrets/${quarkus.application.name}")
          Path secretFile,
      @ConfigProperty(name = "switchboard.service.generate-secret", defaultValue = "true")
          boolean generateSecret,
      ObjectMapper json) {
    this.tokenUrl = authUrl.replaceAll("/+$", "") + "/internal/service-tokens";
    this.name = name;
    this.configuredSecret = configuredSecret;
    this.secretFile = secretFile;
    this.generateSecret = generateSecret;
    this.json = json;
  }

  /**
   * On one machine, writes this service's secret at start-up, so auth-service knows every service
   * before the first call. Where secrets are not generated (Kubernetes) they are read when first
   * needed instead, so a service that never calls another needs none.
   */
  void prepare(@Observes StartupEvent event) {
    if (generateSecret && configuredSecret.filter(s -> !s.isBlank()).isEmpty()) {
      credentials();
    }
  }

  /** The name other services see in {@code sub} and in audit logs. */
  public String serviceName() {
    return name;
  }

  /** A valid service token; fetches one only when none is cached or it is about to expire. */
  public String bearer() {
    Token token = current;
    if (token == null || token.renewAt().isBefore(Instant.now())) {
      token = renew();
    }
    return token.value();
  }

  /** Forgets the cached token (e.g. after a 401 from a peer that no longer accepts it). */
  public void invalidate() {
    current = null;
  }

  private synchronized Token renew() {
    Token token = current;
    if (token != null && token.renewAt().isAfter(Instant.now())) {
      return token;
    }
    ServiceCredentials own = credentials();
    String basic =
        Base64.getEncoder()
            .encodeToString((own.name() + ":" + own.secret()).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(tokenUrl))
            .timeout(Duration.ofSeconds(5))
            .header("Authorization", "Basic " + basic)
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        LOG.errorf(
            "auth-service refused a service token for %s: HTTP %d", name, response.statusCode());
        throw unavailable("auth-service refused this service's credentials");
      }
      JsonNode body = json.readTree(response.body());
      Instant expiresAt = Instant.parse(body.path("expiresAt").asText());
      Instant renewAt = expiresAt.minus(RENEW_BEFORE);
      current = new Token(body.path("token").asText(), renewAt);
      return current;
    } catch (IOException e) {
      LOG.warnf("Cannot reach auth-service for a service token: %s", e.toString());
      throw unavailable("auth-service is unreachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while fetching a service token");
    } catch (RuntimeException e) {
      if (e instanceof ProblemException) {
        throw e;
      }
      LOG.warnf("auth-service sent an unreadable service token answer: %s", e.toString());
      throw unavailable("auth-service sent an unreadable answer");
    }
  }

  private synchronized ServiceCredentials credentials() {
    if (credentials == null) {
      credentials = ServiceCredentials.loadFor(name, configuredSecret, secretFile, generateSecret);
    }
    return credentials;
  }

  private static ProblemException unavailable(String detail) {
    return ProblemException.of(ProblemCode.SERVICE_UNAVAILABLE, detail);
  }

  private record Token(String value, Instant renewAt) {}
}
