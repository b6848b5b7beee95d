package io.switchboard.auth.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.defaults.event.Topics;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.SwitchboardTestResource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay sends an event when its transaction commits, not at its next poll: with the poll
 * an hour away, the event of a sign-out still reaches Kafka (the probe waits 30 s at most).
 */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
@TestProfile(OutboxWakeTest.PollOnceAnHour.class)
class OutboxWakeTest {

  /** The relay's poll so rare that only the wake on commit can send the event in time. */
  public static class PollOnceAnHour implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("switchboard.outbox.poll-interval", "PT1H");
    }
  }

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void shouldSendTheEventAsSoonAsItsTransactionCommits() {
    String token = Accounts.tokenOfNewAccount();
    String claims =
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    String sessionId = claims.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");

    given().auth().oauth2(token).post("/api/auth/logout").then().statusCode(204);

    ConsumerRecord<String, String> event =
        new KafkaProbe(bootstrapServers)
            .find(Topics.AUTH_EVENTS, record -> record.value().contains(sessionId));
    assertThat(event.value()).contains("session.revoked");
  }
}
