package io.switchboard.auth.keycloak;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.util.Map;

/** The tests' side of {@link FakeKeycloak}: drives it over HTTP. */
final class FakeRealm {

  private final String url;

  FakeRealm(String url) {
    this.url = url;
  }

  /** A realm access token with these claims over the defaults (signed by the realm key). */
  String token(Map<String, Object> claims) {
    return post("token", Map.of("claims", claims)).getString("token");
  }

  /** The same, signed by a key the realm never published. */
  String foreignToken(Map<String, Object> claims) {
    return post("token", Map.of("claims", claims, "foreign", true)).getString("token");
  }

  /** Claims of a realm user with realm role {@code user}. */
  static Map<String, Object> user(String id, String username) {
    return Map.of(
        "sub",
        id,
        "preferred_username",
        username,
        "email",
        username + "@example.test",
        "realm_access",
        Map.of("roles", java.util.List.of("user")));
  }

  void addUser(String id, String username, boolean enabled) {
    post(
        "user",
        Map.of(
            "id",
            id,
            "username",
            username,
            "email",
            username + "@example.test",
            "enabled",
            enabled));
  }

  void disable(String id) {
    post("disable", Map.of("id", id));
  }

  JsonPath users() {
    return given().get(url + "/__fake/users").then().statusCode(200).extract().jsonPath();
  }

  /** Signs the browser in at the realm: the code and state it is sent back with. */
  JsonPath authorize(String location, Map<String, Object> claims) {
    return post("authorize", Map.of("location", location, "claims", claims));
  }

  /** Like {@link #authorize}, with an ID token carrying another nonce than the sign-in's. */
  JsonPath authorizeWithNonce(String location, Map<String, Object> claims, String nonce) {
    return post("authorize", Map.of("location", location, "claims", claims, "nonce", nonce));
  }

  /** Deletes a realm user behind Switchboard's back (drift). */
  void remove(String username) {
    post("remove", Map.of("username", username));
  }

  /** The realm user with this username, or {@code null}. */
  Map<String, Object> user(String username) {
    return users().getMap("find { it.username == '" + username + "' }");
  }

  void down(boolean down) {
    post("down", Map.of("down", down));
  }

  private JsonPath post(String what, Map<String, Object> body) {
    return given()
        .contentType("application/json")
        .body(body)
        .post(url + "/__fake/" + what)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
