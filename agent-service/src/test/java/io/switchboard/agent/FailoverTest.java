package io.switchboard.agent;

import static io.switchboard.agent.support.Api.agent;
import static io.switchboard.agent.support.Api.awaitStatus;
import static io.switchboard.agent.support.Api.events;
import static io.switchboard.agent.support.Api.message;
import static io.switchboard.agent.support.Api.messages;
import static io.switchboard.agent.support.Api.spawnId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.agent.support.Gate;
import io.switchboard.agent.support.Stubs;
import io.switchboard.agent.support.StubsResource;
import io.switchboard.testing.SwitchboardTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Another replica's lease: respected while alive, taken over once it lapses. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(StubsResource.class)
class FailoverTest {

  static Stubs stubs;

  @Inject DataSource dataSource;
  @Inject io.switchboard.agent.config.AgentConfig config;

  @BeforeAll
  static void start() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    stubs = Stubs.get();
  }

  private void lease(String session, String owner, String until) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE session SET lease_owner = ?, lease_until = now() + ?::interval"
                    + " WHERE id = ?")) {
      ps.setString(1, owner);
      ps.setString(2, until);
      ps.setObject(3, UUID.fromString(session));
      ps.executeUpdate();
    }
  }

  @Test
  void shouldLeaveALiveLeaseAloneAndTakeOverALapsedOne() throws Exception {
    UUID user = UUID.randomUUID();
    String id = spawnId(user, Map.of());
    String session = agent(user, id).extract().path("sessionId");
    lease(session, "replica-elsewhere", "1 hour");
    message(user, id, "anyone?").statusCode(202);
    Thread.sleep(700);
    assertThat(stubs.completionsOf(user)).isEmpty();
    lease(session, "replica-elsewhere", "-1 second");
    awaitStatus(user, id, "idle");
    messages(user, session, "")
        .body("messages.content", equalTo(List.of("anyone?", "echo: anyone?")));
  }

  @Test
  void shouldContinueFromTheLastPersistedStepWhenAReplicaDiesMidStep() throws Exception {
    UUID user = UUID.randomUUID();
    Gate gate = new Gate();
    String id = spawnId(user, Map.of());
    String session = agent(user, id).extract().path("sessionId");
    stubs
        .replies
        .computeIfAbsent(user, u -> new java.util.concurrent.ConcurrentLinkedDeque<>())
        .add(new Stubs.Reply(200, "", "echo", Stubs.read("{}"), gate));
    stubs.say(user, "recovered");
    message(user, id, "work hard").statusCode(202);
    gate.awaitArrival();
    // The replica in the middle of this completion "dies": another holds the lease now.
    lease(session, "replica-dead", "1 hour");
    gate.open();
    Thread.sleep(500);
    messages(user, session, "").body("messages.content", equalTo(List.of("work hard")));
    lease(session, "replica-dead", "-1 second");
    awaitStatus(user, id, "idle");
    messages(user, session, "")
        .body("messages.content", equalTo(List.of("work hard", "recovered")));
    assertThat(stubs.completionsOf(user)).hasSize(2);
    assertThat(stubs.executionsOf(user)).isEmpty();
    List<Integer> seqs = events(user, id, "").extract().jsonPath().getList("events.seq");
    for (int i = 0; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).isEqualTo(i + 1);
    }
    List<String> roles = events(user, id, "").extract().jsonPath().getList("events.data.role");
    assertThat(roles.stream().filter("user"::equals)).hasSize(1);
  }

  @Test
  void shouldNotRunAStepAgainWhileItsRemoteCallOutlastsTheLease() throws Exception {
    UUID user = UUID.randomUUID();
    Gate gate = new Gate();
    String id = spawnId(user, Map.of());
    String session = agent(user, id).extract().path("sessionId");
    stubs
        .replies
        .computeIfAbsent(user, u -> new java.util.concurrent.ConcurrentLinkedDeque<>())
        .add(new Stubs.Reply(200, "slow", null, null, gate));
    message(user, id, "take your time").statusCode(202);
    gate.awaitArrival();
    // The completion outlasts the lease: the live worker's heartbeat keeps it, so neither this
    // replica's poller nor another one takes the session for abandoned and completes it again.
    Thread.sleep(config.leaseDuration().toMillis() + 2_000);
    assertThat(stubs.completionsOf(user)).hasSize(1);
    gate.open();
    awaitStatus(user, id, "idle");
    assertThat(stubs.completionsOf(user)).hasSize(1);
    messages(user, session, "")
        .body("messages.content", equalTo(List.of("take your time", "slow")));
  }

  @Test
  void shouldCallInternalApisWithAServiceTokenAndPublicOnesWithTheUsersToken() {
    UUID user = UUID.randomUUID();
    stubs.callTool(user, "echo", "{}").say(user, "ok");
    String id = spawnId(user, Map.of());
    message(user, id, "go").statusCode(202);
    awaitStatus(user, id, "idle");
    assertThat(stubs.executionsOf(user)).hasSize(1);
    assertThat(stubs.unauthorized).isEmpty();
  }
}
