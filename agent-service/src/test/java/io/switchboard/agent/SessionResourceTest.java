package io.switchboard.agent;

import static io.switchboard.agent.support.Api.as;
import static io.switchboard.agent.support.Api.messages;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.agent.support.Stubs;
import io.switchboard.agent.support.StubsResource;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(StubsResource.class)
class SessionResourceTest {

  @BeforeAll
  static void start() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    Stubs.get();
  }

  private static String chatSession(UUID user, String... texts) {
    String session = null;
    for (String text : texts) {
      var body =
          session == null ? Map.of("message", text) : Map.of("message", text, "sessionId", session);
      session =
          as(user).body(body).post("/api/chat").then().statusCode(200).extract().path("sessionId");
    }
    return session;
  }

  @Test
  void shouldListTheCallersSessionsMostRecentFirst() {
    UUID user = UUID.randomUUID();
    String older = chatSession(user, "older");
    String newer = chatSession(user, "newer");
    chatSession(UUID.randomUUID(), "not mine");
    as(user)
        .get("/api/sessions")
        .then()
        .statusCode(200)
        .body("sessions.id", equalTo(List.of(newer, older)))
        .body("total", equalTo(2))
        .body("hasMore", equalTo(false))
        .body("sessions[0].messageCount", equalTo(2))
        .body("sessions[0].title", equalTo("newer"));
    as(user)
        .get("/api/sessions?limit=1")
        .then()
        .body("sessions", hasSize(1))
        .body("hasMore", equalTo(true));
  }

  @Test
  void shouldPageMessagesBackwardsOldestFirst() {
    UUID user = UUID.randomUUID();
    String session = chatSession(user, "one", "two", "three");
    messages(user, session, "?limit=2")
        .statusCode(200)
        .body("messages.content", equalTo(List.of("three", "echo: three")))
        .body("hasMore", equalTo(true));
    String before = messages(user, session, "?limit=2").extract().path("messages[0].id");
    messages(user, session, "?limit=3&before=" + before)
        .body("messages.content", equalTo(List.of("echo: one", "two", "echo: two")))
        .body("hasMore", equalTo(true));
    messages(user, session, "?limit=200")
        .body("messages", hasSize(6))
        .body("hasMore", equalTo(false))
        .body("messages[0].role", equalTo("user"))
        .body("messages[1].model", equalTo("stub-model"));
  }

  @Test
  void shouldHideAnotherUsersSession() {
    UUID owner = UUID.randomUUID();
    String session = chatSession(owner, "secret");
    UUID other = UUID.randomUUID();
    as(other)
        .get("/api/sessions/" + session)
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
    messages(other, session, "").statusCode(404);
    as(owner).get("/api/sessions/" + UUID.randomUUID()).then().statusCode(404);
  }

  @Test
  void shouldRejectBadMessageCursors() {
    UUID user = UUID.randomUUID();
    String session = chatSession(user, "a");
    String otherSession = chatSession(user, "b");
    String foreign = messages(user, otherSession, "").extract().path("messages[0].id");
    messages(user, session, "?before=" + foreign)
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    messages(user, session, "?before=xyz")
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    messages(user, session, "?limit=0").statusCode(400);
    messages(user, session, "?limit=201")
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    as(user).get("/api/sessions?offset=x").then().statusCode(400);
  }
}
