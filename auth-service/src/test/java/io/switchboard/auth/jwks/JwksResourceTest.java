package io.switchboard.auth.jwks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.switchboard.auth.jwks.service.SigningKeys;
import io.switchboard.testing.SwitchboardTestResource;
import jakarta.inject.Inject;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class JwksResourceTest {

  @Inject SigningKeys keys;

  @Test
  void shouldPublishTheActiveKeyWithoutAuthentication() {
    given()
        .get("/.well-known/jwks.json")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .header("Cache-Control", "no-transform, max-age=300")
        .body("keys", hasSize(1))
        .body("keys[0].kty", equalTo("RSA"))
        .body("keys[0].alg", equalTo("RS256"))
        .body("keys[0].use", equalTo("sig"))
        .body("keys[0].kid", equalTo(keys.active().kid()));
  }

  @Test
  void shouldNeverPublishPrivateKeyMaterial() {
    String body = given().get("/.well-known/jwks.json").then().extract().asString();
    assertThat(body).doesNotContain("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"");
  }

  @Test
  void shouldVerifyATokenSignedWithTheActiveKeyAgainstThePublishedSet() throws Exception {
    String token =
        Jwt.issuer("https://switchboard.local")
            .subject("someone")
            .jws()
            .keyId(keys.active().kid())
            .sign(keys.active().privateKey());
    JsonWebKeySet published =
        new JsonWebKeySet(given().get("/.well-known/jwks.json").then().extract().asString());

    JsonWebSignature jws = new JsonWebSignature();
    jws.setCompactSerialization(token);
    jws.setKey(
        published
            .findJsonWebKeys(jws.getKeyIdHeaderValue(), "RSA", "sig", "RS256")
            .get(0)
            .getKey());

    assertThat(jws.verifySignature()).isTrue();
  }
}
