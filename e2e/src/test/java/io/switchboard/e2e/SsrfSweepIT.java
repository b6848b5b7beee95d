package io.switchboard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.restassured.response.Response;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SSRF through every URL a user can give (issue 11), on the real stack with its production
 * configuration: the {@code http} tool's {@code url} and a webhook hook's {@code action.config.url}
 * (skill-service's AddressGuard), and, for an admin, a model's {@code endpoint} (model-service's
 * EndpointGuard, policy {@code private} by default: loopback and private ranges allowed for a
 * self-hosted Ollama, link-local and metadata addresses never). MCP HTTP servers are registered by
 * admins only, who can start processes (stdio) anyway: no address rule (see the e2e README).
 *
 * <p>A canary HTTP server listens on every local address; the attack URLs aim at it (or redirect to
 * it), and it must see no request at all.
 */
class SsrfSweepIT {

  static final AtomicInteger TRIED = new AtomicInteger();
  static final AtomicInteger REFUSED = new AtomicInteger();
  static final AtomicInteger ALLOWED_BY_POLICY = new AtomicInteger();
  static final AtomicInteger HITS = new AtomicInteger();

  private static HttpServer canary;
  private static int port;

  @BeforeAll
  static void canary() throws Exception {
    canary = HttpServer.create(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0), 16);
    canary.createContext(
        "/",
        exchange -> {
          HITS.incrementAndGet();
          if (exchange.getRequestURI().getPath().startsWith("/redirect")) {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/canary");
            exchange.sendResponseHeaders(302, -1);
          } else {
            exchange.sendResponseHeaders(200, -1);
          }
          exchange.close();
        });
    canary.start();
    port = canary.getAddress().getPort();
  }

  @AfterAll
  static void report() {
    if (canary != null) {
      canary.stop(0);
    }
    System.out.printf(
        "[e2e] SSRF sweep: %d attempts, %d refused, %d allowed by the model endpoint policy"
            + " (loopback/private), %d requests reached the canary%n",
        TRIED.get(), REFUSED.get(), ALLOWED_BY_POLICY.get(), HITS.get());
  }

  /** Loopback in its many spellings, aimed at the canary. */
  static List<String> loopback() {
    return List.of(
        "http://127.0.0.1:%d/",
        "http://127.0.0.3:%d/", // not 127.0.0.2: the e2e stack lets the fault tests reach it
        "http://127.1:%d/",
        "http://[::1]:%d/",
        "http://localhost:%d/",
        "http://LOCALHOST:%d/",
        "http://localhost.:%d/",
        "http://0.0.0.0:%d/",
        "http://0:%d/",
        "http://2130706433:%d/",
        "http://0x7f000001:%d/",
        "http://017700000001:%d/",
        "http://0177.0.0.1:%d/",
        "http://0x7f.0.0.1:%d/",
        "http://[::ffff:127.0.0.1]:%d/",
        "http://[::ffff:7f00:1]:%d/",
        "http://[::127.0.0.1]:%d/",
        "http://[0:0:0:0:0:ffff:127.0.0.1]:%d/",
        "http://example.com@127.0.0.1:%d/",
        "http://127.0.0.1:%d#@example.com/",
        "http://%s:%d/redirect");
  }

  /** Link-local and cloud metadata, in many spellings. */
  static List<String> metadata() {
    return List.of(
        "http://169.254.169.254/latest/meta-data/",
        "http://169.254.169.254:80/computeMetadata/v1/",
        "http://2852039166/",
        "http://0xa9fea9fe/",
        "http://0251.0376.0251.0376/",
        "http://[::ffff:169.254.169.254]/",
        "http://[::ffff:a9fe:a9fe]/",
        "http://[::169.254.169.254]/",
        "http://[64:ff9b::169.254.169.254]/",
        "http://[2002:a9fe:a9fe::]/",
        "http://[fe80::1]/",
        "http://[fd00:ec2::254]/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://100.100.100.200/latest/meta-data/");
  }

  static List<String> privateRanges() {
    return List.of(
        "http://10.0.0.1/",
        "http://172.16.0.1/",
        "http://172.31.255.254/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://[fd12:3456::1]/",
        "http://[fc00::1]/");
  }

  static List<String> schemes() {
    return List.of(
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "gopher://127.0.0.1:%d/_GET",
        "jar:file:///tmp/x.jar!/a",
        "ftp://127.0.0.1:%d/",
        "dict://127.0.0.1:%d/info",
        "ldap://127.0.0.1:%d/",
        "netdoc:///etc/passwd",
        "//127.0.0.1:%d/",
        "http:///etc/passwd");
  }

  private static List<String> all(List<String> templates) throws Exception {
    String host = InetAddress.getLocalHost().getHostName();
    List<String> urls = new ArrayList<>();
    for (String template : templates) {
      urls.add(
          template.contains("%s")
              ? String.format(template, host, port)
              : template.replace("%d", Integer.toString(port)));
    }
    return urls;
  }

  @Test
  void shouldRefuseEveryInternalUrlInTheHttpTool() throws Exception {
    SharedStack.get();
    String user = SharedStack.register("ssrf");
    given()
        .auth()
        .oauth2(user)
        .contentType("application/json")
        .body(Map.of("skillId", "http", "action", "fetch", "level", "allow"))
        .put("/api/skills/permissions")
        .then()
        .statusCode(200);
    List<String> failures = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    for (List<String> group : List.of(loopback(), metadata(), privateRanges(), schemes())) {
      urls.addAll(all(group));
    }
    for (String url : urls) {
      TRIED.incrementAndGet();
      Response response =
          given()
              .auth()
              .oauth2(user)
              .contentType("application/json")
              .body(Map.of("arguments", Map.of("url", url)))
              .post("/api/skills/http/tools/fetch/execute");
      String code = response.statusCode() == 200 ? response.path("result.code") : null;
      boolean isError =
          response.statusCode() == 200 && Boolean.TRUE.equals(response.path("isError"));
      if (isError && List.of("address_refused", "invalid_request").contains(code)) {
        REFUSED.incrementAndGet();
      } else if (response.statusCode() == 400 || response.statusCode() == 422) {
        assertProblem(response, url, failures);
      } else {
        failures.add(
            "http tool " + url + " → " + response.statusCode() + " " + response.asString());
      }
    }
    assertThat(failures).isEmpty();
    assertThat(HITS.get()).as("requests that reached the canary").isZero();
  }

  @Test
  void shouldRefuseEveryInternalWebhookTarget() throws Exception {
    SharedStack.get();
    String user = SharedStack.register("ssrfhook");
    List<String> failures = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    for (List<String> group : List.of(loopback(), metadata(), privateRanges(), schemes())) {
      urls.addAll(all(group));
    }
    for (String url : urls) {
      TRIED.incrementAndGet();
      Response response =
          given()
              .auth()
              .oauth2(user)
              .contentType("application/json")
              .body(
                  Map.of(
                      "name",
                      "ssrf-" + UUID.randomUUID().toString().substring(0, 8),
                      "trigger",
                      "agent.status",
                      "action",
                      Map.of("type", "webhook", "config", Map.of("url", url))))
              .post("/api/hooks");
      assertProblem(response, url, failures);
    }
    assertThat(failures).isEmpty();
    assertThat(HITS.get()).as("requests that reached the canary").isZero();
  }

  @Test
  void shouldRefuseMetadataAndOtherSchemesAsModelEndpointsEvenForAnAdmin() throws Exception {
    SharedStack.get();
    String admin = SharedStack.tokens().admin(UUID.randomUUID());
    List<String> failures = new ArrayList<>();
    for (String url : all(metadata())) {
      modelEndpoint(admin, url, "endpoint_not_allowed", failures);
    }
    for (String url : all(schemes())) {
      modelEndpoint(admin, url, null, failures);
    }
    for (String url :
        all(List.of("http://127.0.0.1:%d/v1", "http://[::1]:%d/", "http://10.0.0.1/"))) {
      // Policy "private" (switchboard.models.allow-private-endpoints): a self-hosted server.
      TRIED.incrementAndGet();
      Response response = createModel(admin, url);
      assertThat(response.statusCode()).as("model endpoint " + url).isEqualTo(201);
      ALLOWED_BY_POLICY.incrementAndGet();
      given()
          .auth()
          .oauth2(admin)
          .delete("/api/models/" + response.path("name"))
          .then()
          .statusCode(204);
    }
    assertThat(failures).isEmpty();
    assertThat(HITS.get()).as("requests that reached the canary").isZero();
  }

  private static void modelEndpoint(String admin, String url, String code, List<String> failures) {
    TRIED.incrementAndGet();
    Response created = createModel(admin, url);
    assertProblem(created, "model " + url, failures);
    String got = created.path("code");
    if (code != null && !code.equals(got) && !"invalid_endpoint".equals(got)) {
      failures.add("model " + url + ": code " + got + ", not " + code);
    }
    TRIED.incrementAndGet();
    Response tested =
        given()
            .auth()
            .oauth2(admin)
            .contentType("application/json")
            .body(Map.of("provider", "openai", "modelId", "x", "endpoint", url))
            .post("/api/models/test");
    assertProblem(tested, "model test " + url, failures);
  }

  private static Response createModel(String admin, String url) {
    return given()
        .auth()
        .oauth2(admin)
        .contentType("application/json")
        .body(
            Map.of(
                "name",
                "ssrf-" + UUID.randomUUID().toString().substring(0, 8),
                "provider",
                "openai",
                "modelId",
                "x",
                "endpoint",
                url))
        .post("/api/models");
  }

  /** A refusal: 400/422 problem+json with a code; counted. */
  private static void assertProblem(Response response, String what, List<String> failures) {
    int status = response.statusCode();
    String type = response.contentType();
    if ((status == 400 || status == 422)
        && type != null
        && type.startsWith("application/problem+json")
        && response.path("code") != null) {
      REFUSED.incrementAndGet();
    } else {
      failures.add(what + " → " + status + " " + type + " " + response.asString());
    }
  }
}
