package io.switchboard.auth.link;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import io.switchboard.auth.jwks.service.SigningKeys;
import java.util.Set;
import java.util.UUID;

/** Fixtures: service tokens, link codes issued and redeemed through the API. */
final class ChannelLinks {

  static final String CODE_FORMAT = "[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}";

  private ChannelLinks() {}

  /** A token of a channel integration, signed with this service's own key. */
  static String serviceToken(SigningKeys keys) {
    return Jwt.issuer("https://switchboard.local")
        .audience("switchboard")
        .subject("telegram-bridge")
        .groups(Set.of("service"))
        .claim("typ", "service")
        .expiresIn(300)
        .jws()
        .keyId(keys.active().kid())
        .sign(keys.active().privateKey());
  }

  /** A channel user id nobody has linked yet. */
  static String newChannelUserId() {
    return "tg-" + UUID.randomUUID();
  }

  static ValidatableResponse issue(String token, String body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(body)
        .post("/internal/link-codes")
        .then();
  }

  /** Issues a code for a Telegram identity and returns it. */
  static String codeFor(SigningKeys keys, String channelUserId, String channelUserName) {
    String name = channelUserName == null ? "" : ",\"channelUserName\":\"" + channelUserName + "\"";
    return issue(
            serviceToken(keys),
            "{\"channelType\":\"telegram\",\"channelUserId\":\""
                + channelUserId
                + "\""
                + name
                + "}")
        .statusCode(201)
        .extract()
        .path("code");
  }

  static ValidatableResponse redeem(String userToken, String code) {
    return redeemBody(userToken, "{\"code\":\"" + code + "\"}");
  }

  static ValidatableResponse redeemBody(String userToken, String body) {
    return given()
        .auth()
        .oauth2(userToken)
        .contentType("application/json")
        .body(body)
        .post("/api/auth/link")
        .then();
  }

  static ValidatableResponse me(String userToken) {
    return given().auth().oauth2(userToken).get("/api/auth/me").then().statusCode(200);
  }
}
