package io.switchboard.model.provider;

import static io.switchboard.model.provider.OpenAiProviderTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.model.provider.anthropic.AnthropicProvider;
import io.switchboard.model.provider.http.ProviderHttp;
import io.switchboard.model.testing.FakeServer;
import io.switchboard.model.testing.FakeServer.Reply;
import io.switchboard.model.testing.TestModelsConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Anthropic's Messages API against a loopback server that speaks it. */
class AnthropicProviderTest {

  private final FakeServer server = new FakeServer();
  private final AnthropicProvider anthropic =
      new AnthropicProvider(new ProviderHttp(new TestModelsConfig(""), JSON));
  private final Target target =
      new Target(ProviderKind.ANTHROPIC, "claude-sonnet-4-5", server.url(), "sk-ant-test");

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldMapSystemToolUseAndToolResultAndParseToolUse() throws Exception {
    server.reply(
        Reply.json(
            200,
            "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"Let"
                + " me look.\"},{\"type\":\"tool_use\",\"id\":\"toolu_1\","
                + "\"name\":\"web_search\",\"input\":{\"q\":\"quarkus\"}}],\"stop_reason\":\"tool_use\","
                + "\"usage\":{\"input_tokens\":40,\"output_tokens\":12}}"));

    ChatResponse r =
        anthropic.chat(
            target,
            new ChatRequest(
                OpenAiProviderTest.toolConversation(),
                List.of(OpenAiProviderTest.searchTool()),
                null));

    assertThat(server.last().path()).isEqualTo("/v1/messages");
    assertThat(server.last().header("x-api-key")).isEqualTo("sk-ant-test");
    assertThat(server.last().header("anthropic-version")).isEqualTo("2023-06-01");
    JsonNode sent = JSON.readTree(server.last().text());
    assertThat(sent.path("system").asText()).isEqualTo("be brief");
    assertThat(sent.path("max_tokens").asInt()).isEqualTo(4096);
    assertThat(sent.path("messages")).hasSize(3);
    assertThat(sent.path("messages").path(1).path("content").path(0).path("type").asText())
        .isEqualTo("tool_use");
    JsonNode result = sent.path("messages").path(2).path("content").path(0);
    assertThat(result.path("type").asText()).isEqualTo("tool_result");
    assertThat(result.path("tool_use_id").asText()).isEqualTo("call_9");
    assertThat(sent.path("tools").path(0).path("input_schema").path("type").asText())
        .isEqualTo("object");
    assertThat(r.message().text()).isEqualTo("Let me look.");
    assertThat(r.message().calls().get(0).id()).isEqualTo("toolu_1");
    assertThat(r.finishReason()).isEqualTo("tool_calls");
    assertThat(r.usage()).isEqualTo(new Usage(40, 12));
  }

  @Test
  void shouldStreamTheMessagesEventSequence() {
    server.reply(
        Reply.sse(
            "event: message_start\n"
                + "data:"
                + " {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n",
            "event: content_block_start\n"
                + "data:"
                + " {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: ping\ndata: {\"type\":\"ping\"}\n\n",
            "event: content_block_delta\n"
                + "data:"
                + " {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi"
                + " \"}}\n\n",
            "event: content_block_delta\n"
                + "data:"
                + " {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"there\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: content_block_start\n"
                + "data:"
                + " {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"web_search\",\"input\":{}}}\n\n",
            "event: content_block_delta\n"
                + "data:"
                + " {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"q\\\":"
                + " \\\"qu\"}}\n\n",
            "event: content_block_delta\n"
                + "data:"
                + " {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"arkus\\\"}\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n",
            "event: message_delta\n"
                + "data:"
                + " {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":15}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    List<String> deltas = new ArrayList<>();

    ChatResponse r =
        anthropic.stream(
            target, new ChatRequest(List.of(ChatMessage.user("hi")), null, 50), deltas::add);

    assertThat(deltas).containsExactly("Hi ", "there");
    assertThat(r.message().calls().get(0).arguments().path("q").asText()).isEqualTo("quarkus");
    assertThat(r.finishReason()).isEqualTo("tool_calls");
    assertThat(r.usage()).isEqualTo(new Usage(25, 15));
    assertThat(server.last().text()).contains("\"stream\":true").contains("\"max_tokens\":50");
  }
}
