package io.switchboard.model.completion;

import static io.switchboard.model.Api.create;
import static io.switchboard.model.Api.model;
import static io.switchboard.model.Api.unique;
import static io.switchboard.model.completion.CompletionResourceTest.complete;
import static io.switchboard.model.completion.CompletionResourceTest.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.model.testing.FakeServer;
import io.switchboard.model.testing.FakeServer.Reply;
import io.switchboard.model.testing.FakeVault;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Completions through a real provider protocol (an OpenAI-compatible loopback server). */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ProviderCompletionTest {

  private static final String OK =
      "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"from the provider\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}";

  private final FakeServer server = new FakeServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldResolveTheCredentialForTheUserAndSendItToTheProvider() {
    UUID owner = UUID.randomUUID();
    UUID credential = FakeVault.store(owner, "sk-live-owner-key");
    String name =
        create(
            model(
                unique("oai"),
                "openai",
                "endpoint",
                server.url(),
                "credentialId",
                credential.toString()));
    server.reply(Reply.json(200, OK));

    complete(Map.of("userId", owner.toString(), "messages", List.of(user("hi")), "model", name))
        .statusCode(200)
        .body("provider", equalTo("openai"))
        .body("message.content", equalTo("from the provider"))
        .body("usage.outputTokens", equalTo(4));

    assertThat(server.last().header("Authorization")).isEqualTo("Bearer sk-live-owner-key");
  }

  @Test
  void shouldNotUseAnotherUsersCredential() {
    UUID credential = FakeVault.store(UUID.randomUUID(), "sk-someone-else");
    String name =
        create(
            model(
                unique("oai"),
                "openai",
                "endpoint",
                server.url(),
                "credentialId",
                credential.toString()));
    server.reply(Reply.json(200, OK));

    complete(
            Map.of(
                "userId",
                UUID.randomUUID().toString(),
                "messages",
                List.of(user("hi")),
                "model",
                name))
        .statusCode(503)
        .body("code", equalTo("no_model_available"))
        .body("detail", containsString("credential not found for this user"));

    assertThat(server.received).isEmpty();
  }

  @Test
  void shouldFallBackToTheNextModelWhenTheProviderFails() {
    String topic = "fb" + UUID.randomUUID().toString().substring(0, 6);
    String failing =
        create(
            model(
                unique("down"),
                "openai",
                "endpoint",
                server.url(),
                "topics",
                List.of(topic),
                "priority",
                1));
    String backup = create(model(unique("up"), "local", "topics", List.of(topic), "priority", 2));
    server.reply(Reply.json(500, "{\"error\":{\"message\":\"boom\"}}"));

    complete(
            Map.of(
                "userId",
                UUID.randomUUID().toString(),
                "messages",
                List.of(user("hi")),
                "topic",
                topic))
        .statusCode(200)
        .body("model", equalTo(backup))
        .body("routing.skipped[0].model", equalTo(failing))
        .body("routing.skipped[0].reason", containsString("provider_error: HTTP 500: boom"));
  }

  @Test
  void shouldAnswer502WithTheProvidersErrorForARequestedModel() {
    String name = create(model(unique("bad"), "openai", "endpoint", server.url()));
    server.reply(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}"));

    complete(
            Map.of(
                "userId",
                UUID.randomUUID().toString(),
                "messages",
                List.of(user("hi")),
                "model",
                name))
        .statusCode(502)
        .body("code", equalTo("provider_auth_failed"))
        .body("detail", equalTo("HTTP 401: Incorrect API key provided"));
  }

  @Test
  void shouldRelayAProvidersStreamAsDeltasThenDone() {
    String name = create(model(unique("sse"), "openai", "endpoint", server.url()));
    server.reply(
        Reply.sse(
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n",
            "data:"
                + " {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n",
            "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":2}}\n\n",
            "data: [DONE]\n\n"));

    String body =
        complete(
                Map.of(
                    "userId",
                    UUID.randomUUID().toString(),
                    "messages",
                    List.of(user("hi")),
                    "model",
                    name,
                    "stream",
                    true))
            .statusCode(200)
            .extract()
            .asString();

    assertThat(body)
        .startsWith(
            "event: delta\n"
                + "data: {\"content\":\"Hel\"}\n\n"
                + "event: delta\n"
                + "data: {\"content\":\"lo\"}\n\n"
                + "event: done\n")
        .contains("\"content\":\"Hello\"")
        .contains("\"usage\":{\"inputTokens\":2,\"outputTokens\":2}");
    assertThat(server.last().text()).contains("\"stream\":true");
  }

  @Test
  void shouldEndAStreamWithAnErrorEventWhenTheProviderFailsAfterText() {
    String name = create(model(unique("sse"), "openai", "endpoint", server.url()));
    server.reply(
        Reply.sse(
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"partial\"}}]}\n\n",
            "data: {\"error\":{\"message\":\"overloaded\"}}\n\n"));

    String body =
        complete(
                Map.of(
                    "userId",
                    UUID.randomUUID().toString(),
                    "messages",
                    List.of(user("hi")),
                    "model",
                    name,
                    "stream",
                    true))
            .statusCode(200)
            .extract()
            .asString();

    assertThat(body)
        .contains("event: delta")
        .contains("event: error\ndata: {")
        .contains("\"code\":\"provider_error\"");
    assertThat(body).doesNotContain("event: done");
  }

  @Test
  void shouldSkipAModelWhoseCredentialExpired() {
    UUID owner = UUID.randomUUID();
    UUID credential = FakeVault.storeExpired(owner);
    String name =
        create(
            model(
                unique("exp"),
                "openai",
                "endpoint",
                server.url(),
                "credentialId",
                credential.toString()));

    complete(Map.of("userId", owner.toString(), "messages", List.of(user("hi")), "model", name))
        .statusCode(503)
        .body("code", equalTo("no_model_available"))
        .body("detail", containsString("credential expired"));
    assertThat(server.received).isEmpty();
  }
}
