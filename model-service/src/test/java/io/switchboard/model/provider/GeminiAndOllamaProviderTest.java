package io.switchboard.model.provider;

import static io.switchboard.model.provider.OpenAiProviderTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.model.provider.gemini.GeminiProvider;
import io.switchboard.model.provider.http.ProviderHttp;
import io.switchboard.model.provider.ollama.OllamaProvider;
import io.switchboard.model.testing.FakeServer;
import io.switchboard.model.testing.FakeServer.Reply;
import io.switchboard.model.testing.TestModelsConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Gemini's generateContent and Ollama's native /api/chat against loopback servers. */
class GeminiAndOllamaProviderTest {

  private final FakeServer server = new FakeServer();
  private final ProviderHttp http = new ProviderHttp(new TestModelsConfig(server.url()), JSON);
  private final GeminiProvider gemini = new GeminiProvider(http);
  private final OllamaProvider ollama =
      new OllamaProvider(http, new TestModelsConfig(server.url()));

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldSpeakGeminiWithFunctionCallsAndResponses() throws Exception {
    server.reply(
        Reply.json(
            200,
            "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"web_search\","
                + "\"args\":{\"q\":\"quarkus\"}}}]},\"finishReason\":\"STOP\"}],"
                + "\"usageMetadata\":{\"promptTokenCount\":20,\"candidatesTokenCount\":5,\"totalTokenCount\":25}}"));
    Target target = new Target(ProviderKind.GEMINI, "gemini-2.5-flash", server.url(), "AIza-test");

    ChatResponse r =
        gemini.chat(
            target,
            new ChatRequest(
                OpenAiProviderTest.toolConversation(),
                List.of(OpenAiProviderTest.searchTool()),
                64));

    assertThat(server.last().path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
    assertThat(server.last().header("x-goog-api-key")).isEqualTo("AIza-test");
    JsonNode sent = JSON.readTree(server.last().text());
    assertThat(sent.path("systemInstruction").path("parts").path(0).path("text").asText())
        .isEqualTo("be brief");
    assertThat(sent.path("contents").path(1).path("role").asText()).isEqualTo("model");
    JsonNode response =
        sent.path("contents").path(2).path("parts").path(0).path("functionResponse");
    assertThat(response.path("name").asText()).isEqualTo("web_search");
    assertThat(response.path("response").path("content").asText()).isEqualTo("found x");
    assertThat(
            sent.path("tools").path(0).path("functionDeclarations").path(0).path("name").asText())
        .isEqualTo("web_search");
    assertThat(sent.path("generationConfig").path("maxOutputTokens").asInt()).isEqualTo(64);
    assertThat(r.message().calls().get(0).name()).isEqualTo("web_search");
    assertThat(r.message().calls().get(0).arguments().path("q").asText()).isEqualTo("quarkus");
    assertThat(r.finishReason()).isEqualTo("tool_calls");
    assertThat(r.usage()).isEqualTo(new Usage(20, 5));
  }

  @Test
  void shouldStreamGeminiOverSse() {
    server.reply(
        Reply.sse(
            "data:"
                + " {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Bon\"}]}}]}\r\n\r\n",
            "data:"
                + " {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"jour\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":2}}\r\n\r\n"));
    List<String> deltas = new ArrayList<>();

    ChatResponse r =
        gemini.stream(
            new Target(ProviderKind.GEMINI, "gemini-2.5-flash", server.url(), "k"),
            new ChatRequest(List.of(ChatMessage.user("hi")), null, null),
            deltas::add);

    assertThat(server.last().path())
        .isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
    assertThat(server.last().query()).isEqualTo("alt=sse");
    assertThat(deltas).containsExactly("Bon", "jour");
    assertThat(r.finishReason()).isEqualTo("stop");
    assertThat(r.usage()).isEqualTo(new Usage(3, 2));
  }

  @Test
  void shouldSpeakOllamasNativeChatWithToolCalls() throws Exception {
    server.reply(
        Reply.json(
            200,
            "{\"model\":\"llama3.2\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\","
                + "\"tool_calls\":[{\"function\":{\"name\":\"web_search\",\"arguments\":{\"q\":\"quarkus\"}}}]},"
                + "\"done_reason\":\"stop\",\"done\":true,\"prompt_eval_count\":26,\"eval_count\":9}"));

    ChatResponse r =
        ollama.chat(
            new Target(ProviderKind.OLLAMA, "llama3.2", null, null),
            new ChatRequest(
                OpenAiProviderTest.toolConversation(),
                List.of(OpenAiProviderTest.searchTool()),
                32));

    assertThat(server.last().path()).isEqualTo("/api/chat");
    JsonNode sent = JSON.readTree(server.last().text());
    assertThat(sent.path("stream").asBoolean()).isFalse();
    assertThat(sent.path("options").path("num_predict").asInt()).isEqualTo(32);
    assertThat(
            sent.path("messages")
                .path(2)
                .path("tool_calls")
                .path(0)
                .path("function")
                .path("arguments")
                .path("q")
                .asText())
        .isEqualTo("x");
    assertThat(sent.path("messages").path(3).path("role").asText()).isEqualTo("tool");
    assertThat(r.message().calls().get(0).arguments().path("q").asText()).isEqualTo("quarkus");
    assertThat(r.message().calls().get(0).id()).startsWith("call_");
    assertThat(r.usage()).isEqualTo(new Usage(26, 9));
  }

  @Test
  void shouldStreamOllamaNdjson() {
    server.reply(
        Reply.ndjson(
            "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"done\":false}\n",
            "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"lo\"},\"done\":false}\n",
            "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"length\",\"prompt_eval_count\":4,\"eval_count\":2}\n"));
    List<String> deltas = new ArrayList<>();

    ChatResponse r =
        ollama.stream(
            new Target(ProviderKind.OLLAMA, "llama3.2", server.url(), null),
            new ChatRequest(List.of(ChatMessage.user("hi")), null, null),
            deltas::add);

    assertThat(deltas).containsExactly("Hel", "lo");
    assertThat(r.finishReason()).isEqualTo("length");
    assertThat(r.usage()).isEqualTo(new Usage(4, 2));
  }
}
