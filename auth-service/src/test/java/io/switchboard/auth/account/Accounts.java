package io.switchboard.auth.account;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.util.UUID;

/** Fixtures: accounts made through the public API, each with unique names. */
public final class Accounts {

  public static final String PASSWORD = "correct horse battery staple";

  private Accounts() {}

  public static String uniqueName() {
    return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  public static ValidatableResponse register(String username) {
    return given()
        .contentType("application/json")
        .body(
            "{\"username\":\""
                + username
                + "\",\"email\":\""
                + username
                + "@example.test\",\"password\":\""
                + PASSWORD
                + "\"}")
        .post("/api/auth/register")
        .then();
  }

  /** Registers a fresh account and returns its token. */
  public static String tokenOfNewAccount() {
    return register(uniqueName()).statusCode(201).extract().path("token");
  }

  public static ValidatableResponse login(String login, String password, String clientIp) {
    return given()
        .contentType("application/json")
        .header("X-Forwarded-For", clientIp)
        .body("{\"username\":\"" + login + "\",\"password\":\"" + password + "\"}")
        .post("/api/auth/login")
        .then();
  }
}
