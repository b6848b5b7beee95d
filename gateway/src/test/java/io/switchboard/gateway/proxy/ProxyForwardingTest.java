package io.switchboard.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.gateway.support.FakeService;
import io.switchboard.gateway.support.UpstreamsUp;
import io.switchboard.testing.TestTokens;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(UpstreamsUp.class)
class ProxyForwardingTest {

  private static final String PROBLEM = "application/problem+json";
  private static final String REQUEST_ID = "req-123.abc";
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldForwardGetWithPathQueryAndHeadersIntact() {
    String token = TestTokens.user();
    given()
        .auth()
        .oauth2(token)
        .header("X-Request-Id", REQUEST_ID)
        .urlEncodingEnabled(false)
        .when()
        .get("/api/agents/42/events?after=7&limit=5&q=a%20b")
        .then()
        .statusCode(200)
        .header("X-Upstream", "agent-service")
        .body("service", equalTo("agent-service"))
        .body("method", equalTo("GET"))
        .body("path", equalTo("/api/agents/42/events"))
        .body("query", equalTo("after=7&limit=5&q=a%20b"))
        .body("headers.authorization", equalTo("Bearer " + token))
        .body("headers.x-request-id", equalTo(REQUEST_ID))
        .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
        .body("headers.x-forwarded-proto", equalTo("http"))
        .body("headers.x-forwarded-host", startsWith("localhost:"));
  }

  @Test
  void shouldAppendItsPeerToAnEarlierForwardedForList() {
    given()
        .auth()
        .oauth2(TestTokens.user())
        .header("X-Forwarded-For", "203.0.113.7")
        .when()
        .get("/api/agents")
        .then()
        .statusCode(200)
        .body("headers.x-forwarded-for", equalTo("203.0.113.7, 127.0.0.1"));
  }

  @Test
  void shouldForwardPostBodyAndReturnUpstreamStatusHeadersAndBody() {
    String json = "{\"templateId\":\"t-1\",\"input\":{\"topic\":\"ünïcode\"}}";
    given()
        .auth()
        .oauth2(TestTokens.user())
        .contentType(ContentType.JSON)
        .body(json)
        .when()
        .post("/api/pipelines")
        .then()
        .statusCode(201)
        .contentType(ContentType.JSON)
        .header("X-Upstream", "pipeline-service")
        .body("method", equalTo("POST"))
        .body("path", equalTo("/api/pipelines"))
        .body("body", equalTo(json))
        .body("headers.content-type", startsWith("application/json"));
  }

  @Test
  void shouldStreamLargeRequestBodies() {
    byte[] body = new byte[2 * 1024 * 1024];
    Arrays.fill(body, (byte) 'x');
    given()
        .auth()
        .oauth2(TestTokens.user())
        .contentType(ContentType.BINARY)
        .body(body)
        .when()
        .post("/api/voice/transcribe")
        .then()
        .statusCode(201)
        .body("service", equalTo("model-service"))
        .body("bodyLength", equalTo(body.length));
  }

  @Test
  void shouldRelayStreamingAnswerAsItArrives() throws Exception {
    FakeService.streamRelease = new java.util.concurrent.CountDownLatch(1);
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/chat/stream"))
            .header("Authorization", "Bearer " + TestTokens.user())
            .build();
    HttpResponse<InputStream> response = client.send(request, BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertEquals("data: first", lines.readLine());
      // The upstream sends the second event only now: had the gateway held the answer back until
      // it ended, the first line would have come only after the upstream's wait ran out.
      FakeService.streamRelease.countDown();
      assertEquals("", lines.readLine());
      assertEquals("data: second", lines.readLine());
    }
    assertFalse(
        FakeService.STREAM_SECOND_WAITED_OUT, "the first event waited for the whole answer");
  }

  @Test
  void shouldPassUpstreamErrorStatusThrough() {
    given()
        .auth()
        .oauth2(TestTokens.user())
        .when()
        .get("/api/vault/v-1?respond=409")
        .then()
        .statusCode(409)
        .body("service", equalTo("vault-service"));
  }

  @Test
  void shouldAnswerGatewayTimeoutWhenServiceStaysSilent() {
    // The stub stays silent far longer than the gateway's timeout: a 504 (not its late answer)
    // shows the gateway gave up on its own.
    given()
        .auth()
        .oauth2(TestTokens.user())
        .when()
        .get("/api/models/slow")
        .then()
        .statusCode(504)
        .contentType(PROBLEM)
        .body("code", equalTo("gateway_timeout"))
        .body("detail", containsString("model-service"));
  }

  @Test
  void shouldAnswerWithOneRequestIdOnly() {
    Response response =
        given()
            .auth()
            .oauth2(TestTokens.user())
            .header("X-Request-Id", REQUEST_ID)
            .get("/api/skills");
    assertEquals(200, response.statusCode());
    assertEquals(1, response.headers().getValues("X-Request-Id").size());
    assertEquals(REQUEST_ID, response.header("X-Request-Id"));
  }

  @Test
  void shouldCreateRequestIdWhenClientSentNone() {
    given()
        .auth()
        .oauth2(TestTokens.user())
        .when()
        .get("/api/models")
        .then()
        .statusCode(200)
        .header("X-Request-Id", not(emptyOrNullString()))
        .body("headers.x-request-id", not(emptyOrNullString()));
  }

  @Test
  void shouldForwardTraceContext() {
    given()
        .auth()
        .oauth2(TestTokens.user())
        .header("traceparent", TRACEPARENT)
        .header("tracestate", "vendor=abc")
        .when()
        .get("/api/hooks")
        .then()
        .statusCode(200)
        .body("headers.traceparent", equalTo(TRACEPARENT))
        .body("headers.tracestate", equalTo("vendor=abc"));
  }

  @Test
  void shouldDropHopByHopHeadersAndTheOnesConnectionNames() throws IOException {
    String answer =
        raw(
            userGetOfAgents()
                + "Connection: close, X-Hop\r\n"
                + "X-Hop: for-the-gateway-only\r\n"
                + "Keep-Alive: timeout=5\r\n"
                + "TE: trailers\r\n"
                + "Proxy-Authorization: Basic YWRhOnNlY3JldA==\r\n"
                + "X-End: kept\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    JsonPath echo = JsonPath.from(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertEquals("agent-service", echo.getString("service"));
    assertEquals("kept", echo.getString("headers.x-end"));
    for (String hop : new String[] {"x-hop", "keep-alive", "te", "proxy-authorization"}) {
      assertNull(echo.get("headers." + hop), hop + " reached the service: " + answer);
    }
    String connection = echo.getString("headers.connection");
    assertTrue(connection == null || !connection.toLowerCase().contains("hop"), answer);
  }

  @Test
  void shouldNotPassOnTheServicesHopByHopHeaders() {
    Response response = given().auth().oauth2(TestTokens.user()).get("/api/agents?hop");
    assertEquals(200, response.statusCode(), response.asString());
    assertEquals("agent-service", response.header("X-Upstream"));
    assertNull(response.header("X-Service-Hop"), "a header the service's Connection named");
    assertNull(response.header("Keep-Alive"));
    String connection = response.header("Connection");
    assertTrue(connection == null || !connection.contains("X-Service-Hop"), connection);
  }

  @Test
  void shouldRefuseAHeaderWithAControlCharacterBeforeItReachesAService() throws IOException {
    // The relay copies headers without checking them again (CheckedHeaders): this is the check.
    String answer = raw(userGetOfAgents() + "X-Bad: a\u0001b\r\n" + "Connection: close\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
    assertFalse(answer.contains("agent-service"), answer);
  }

  @Test
  void shouldAnswerAnHttp10ClientWithALengthInsteadOfChunks() throws IOException {
    // The service streams its answer in chunks, which an HTTP/1.0 client cannot read.
    FakeService.streamRelease = new java.util.concurrent.CountDownLatch(0);
    String answer =
        raw(
            "GET /api/chat/stream HTTP/1.0\r\nAuthorization: Bearer "
                + TestTokens.user()
                + "\r\n\r\n");
    String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
    assertTrue(head.startsWith("http/1.0 200"), answer);
    assertTrue(head.contains("\r\ncontent-length: 27"), answer);
    assertFalse(head.contains("transfer-encoding"), answer);
    assertTrue(head.contains("\r\ndate: "), answer);
    assertEquals(
        "data: first\n\ndata: second\n\n", answer.substring(answer.indexOf("\r\n\r\n") + 4));
  }

  /** The start of a raw {@code GET /api/agents} with a user's token; the caller adds headers. */
  private static String userGetOfAgents() {
    return "GET /api/agents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + TestTokens.user()
        + "\r\n";
  }

  /**
   * Sends a request as written; reads the answer's head, then as many bytes as its Content-Length
   * says, or (without one) until the gateway closes the connection.
   */
  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket("localhost", RestAssured.port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.write(b);
      }
      String text = head.toString(StandardCharsets.ISO_8859_1);
      Matcher length = Pattern.compile("(?im)^content-length: *(\\d+)").matcher(text);
      byte[] body =
          length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : in.readAllBytes();
      return text + new String(body, StandardCharsets.UTF_8);
    }
  }
}
