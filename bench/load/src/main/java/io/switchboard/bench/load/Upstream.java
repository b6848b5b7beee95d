package io.switchboard.bench.load;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * A minimal "service" for the gateway benchmarks, as cheap as a Vert.x server can answer, so the
 * figures show the proxy hop and not the service:
 *
 * <ul>
 *   <li>{@code GET /api/agents/bench}: a small JSON document ({@link #BODY}, 86 bytes);
 *   <li>{@code GET /.well-known/jwks.json}: the JWKS of an RSA key made at start-up (the gateway
 *       verifies tokens against it), <em>or</em>, when the request came through a proxy ({@code
 *       X-Forwarded-For} present), the same small JSON as above: so the gateway's public route
 *       (no token verification) and its protected route answer the same bytes;
 *   <li>{@code GET /health/ready}, {@code GET /openapi}: what the gateway probes.
 * </ul>
 *
 * <p>Writes an RS256 access token with the platform's claims (valid one hour) to the token file.
 * Usage: {@code java -cp load.jar io.switchboard.bench.load.Upstream <port> <token-file> [event
 * loops=1]}.
 */
public final class Upstream {

  static final String BODY =
      "{\"id\":\"bench\",\"name\":\"Bench agent\",\"status\":\"idle\",\"provider\":\"local\",\"seq\":42}";

  private Upstream() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Path tokenFile = Path.of(args[1]);
    int loops = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    Buffer jwks = Buffer.buffer(jwks((RSAPublicKey) keys.getPublic()));
    Buffer body = Buffer.buffer(BODY);
    Buffer ready = Buffer.buffer("{\"status\":\"UP\",\"checks\":[]}");
    Buffer openapi = Buffer.buffer("{\"openapi\":\"3.0.3\",\"paths\":{}}");

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    vertx
        .deployVerticle(
            () ->
                new io.vertx.core.AbstractVerticle() {
                  @Override
                  public void start(Promise<Void> started) {
                    vertx
                        .createHttpServer(new HttpServerOptions().setPort(port).setHost("127.0.0.1"))
                        .requestHandler(request -> answer(request, body, jwks, ready, openapi))
                        .listen()
                        .<Void>mapEmpty()
                        .onComplete(started);
                  }
                },
            new DeploymentOptions().setInstances(loops))
        .toCompletionStage()
        .toCompletableFuture()
        .join();
    Files.writeString(tokenFile, token(keys));
    System.out.println("upstream listening on 127.0.0.1:" + port);
  }

  private static void answer(
      HttpServerRequest request, Buffer body, Buffer jwks, Buffer ready, Buffer openapi) {
    String path = request.path();
    Buffer answer;
    if (path.equals("/api/agents/bench")) {
      answer = body;
    } else if (path.equals("/.well-known/jwks.json")) {
      answer = request.getHeader("X-Forwarded-For") != null ? body : jwks;
    } else if (path.equals("/health/ready")) {
      answer = ready;
    } else if (path.startsWith("/openapi")) {
      answer = openapi;
    } else {
      request.response().setStatusCode(404).end();
      return;
    }
    request.response().putHeader("Content-Type", "application/json").end(answer);
  }

  private static String jwks(RSAPublicKey key) {
    return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"bench\",\"n\":\""
        + b64(unsigned(key.getModulus()))
        + "\",\"e\":\""
        + b64(unsigned(key.getPublicExponent()))
        + "\"}]}";
  }

  /** An access token as auth-service issues it (claims of TokenIssuer), signed RS256. */
  static String token(KeyPair keys) throws Exception {
    long now = System.currentTimeMillis() / 1000;
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}";
    String user = UUID.randomUUID().toString();
    String claims =
        "{\"iss\":\"https://switchboard.local\",\"aud\":\"switchboard\",\"sub\":\""
            + user
            + "\",\"upn\":\"bench\",\"groups\":[\"user\"],\"sid\":\""
            + UUID.randomUUID()
            + "\",\"typ\":\"access\",\"jti\":\""
            + UUID.randomUUID()
            + "\",\"iat\":"
            + now
            + ",\"exp\":"
            + (now + 3600)
            + "}";
    String signingInput =
        b64(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64(claims.getBytes(StandardCharsets.UTF_8));
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(keys.getPrivate());
    signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64(signature.sign());
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
