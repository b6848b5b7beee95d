package io.switchboard.model.provider;

import static io.switchboard.model.provider.OpenAiProviderTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.model.provider.http.ProviderHttp;
import io.switchboard.model.provider.openai.OpenAiProvider;
import io.switchboard.model.testing.FakeServer;
import io.switchboard.model.testing.FakeServer.Reply;
import io.switchboard.model.testing.TestModelsConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final FakeServer server = new FakeServer();
  private final TestModelsConfig config = new TestModelsConfig("");
  private final CircuitBreakers breakers = new CircuitBreakers(config);
  private final Providers providers =
      new Providers(List.of(new OpenAiProvider(new ProviderHttp(config, JSON))), breakers);
  private final Target target = new Target(ProviderKind.OPENAI, "m", server.url(), null);
  private final ChatRequest hi = new ChatRequest(List.of(ChatMessage.user("hi")), null, null);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldOpenAfterRepeatedFailuresAndStopCallingTheProvider() {
    server.reply(Reply.json(500, "{\"error\":\"down\"}"));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> providers.chat(target, hi)).isInstanceOf(ProviderException.class);
    }
    int calls = server.received.size();

    assertThatThrownBy(() -> providers.chat(target, hi))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.code()).isEqualTo("provider_circuit_open"));
    assertThat(server.received).hasSize(calls);
    assertThat(breakers.isOpen(CircuitBreakers.key(target))).isTrue();
  }

  @Test
  void shouldLetATrialThroughAfterTheOpenPeriodAndCloseOnSuccess() {
    server.reply(Reply.json(500, "{\"error\":\"down\"}"));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> providers.chat(target, hi)).isInstanceOf(ProviderException.class);
    }
    breakers.clock(Clock.fixed(Instant.now().plusSeconds(31), ZoneOffset.UTC));
    server.reply(
        Reply.json(
            200,
            "{\"choices\":[{\"message\":{\"content\":\"back\"},\"finish_reason\":\"stop\"}]}"));
    server.reply(
        Reply.json(
            200,
            "{\"choices\":[{\"message\":{\"content\":\"back\"},\"finish_reason\":\"stop\"}]}"));

    assertThat(providers.chat(target, hi).message().text()).isEqualTo("back");
    assertThat(breakers.isOpen(CircuitBreakers.key(target))).isFalse();
  }

  @Test
  void shouldNotCountARejectedRequestAsAFailure() {
    server.reply(Reply.json(400, "{\"error\":{\"message\":\"bad\"}}"));
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> providers.chat(target, hi)).isInstanceOf(ProviderException.class);
    }

    assertThat(breakers.isOpen(CircuitBreakers.key(target))).isFalse();
  }
}
