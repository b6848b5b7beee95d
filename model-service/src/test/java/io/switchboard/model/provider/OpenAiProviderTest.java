package io.switchboard.model.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.model.provider.http.ProviderHttp;
import io.switchboard.model.provider.openai.OpenAiProvider;
import io.switchboard.model.testing.FakeServer;
import io.switchboard.model.testing.FakeServer.Reply;
import io.switchboard.model.testing.TestModelsConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAI Chat Completions wire protocol against a loopback server that speaks it. */
class OpenAiProviderTest {

  static final ObjectMapper JSON = new ObjectMapper();
  private final FakeServer server = new FakeServer();
  private final OpenAiProvider openai =
      new OpenAiProvider(new ProviderHttp(new TestModelsConfig(""), JSON));
  private final Target target =
      new Target(ProviderKind.OPENAI, "gpt-4o-mini", server.url(), "sk-test-123");

  @AfterEach
  void stop() {
    server.close();
  }

  static ToolSpec searchTool() throws Exception {
    return new ToolSpec(
        "web_search",
        "Search",
        (ObjectNode)
            JSON.readTree("{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}"));
  }

  static List<ChatMessage> toolConversation() throws Exception {
    ToolCall call =
        new ToolCall("call_9", "web_search", (ObjectNode) JSON.readTree("{\"q\":\"x\"}"));
    return List.of(
        ChatMessage.system("be brief"),
        ChatMessage.user("find x"),
        ChatMessage.assistant(null, List.of(call)),
        new ChatMessage("tool", "found x", null, "call_9"));
  }

  @Test
  void shouldSendTheConversationAndParseAToolCall() throws Exception {
    server.reply(
        Reply.json(
            200,
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_a\","
                + "\"type\":\"function\",\"function\":{\"name\":\"web_search\",\"arguments\":\"{\\\"q\\\":\\\"quarkus\\\"}\"}}]},"
                + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":7,\"total_tokens\":38}}"));

    ChatResponse r =
        openai.chat(target, new ChatRequest(toolConversation(), List.of(searchTool()), 100));

    assertThat(server.last().path()).isEqualTo("/v1/chat/completions");
    assertThat(server.last().header("Authorization")).isEqualTo("Bearer sk-test-123");
    JsonNode sent = JSON.readTree(server.last().text());
    assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(sent.path("max_tokens").asInt()).isEqualTo(100);
    assertThat(sent.path("messages").path(0).path("role").asText()).isEqualTo("system");
    JsonNode assistant = sent.path("messages").path(2);
    assertThat(assistant.path("tool_calls").path(0).path("function").path("arguments").asText())
        .isEqualTo("{\"q\":\"x\"}");
    assertThat(sent.path("messages").path(3).path("tool_call_id").asText()).isEqualTo("call_9");
    assertThat(sent.path("tools").path(0).path("function").path("parameters").path("type").asText())
        .isEqualTo("object");
    assertThat(r.finishReason()).isEqualTo("tool_calls");
    assertThat(r.message().calls().get(0).arguments().path("q").asText()).isEqualTo("quarkus");
    assertThat(r.usage()).isEqualTo(new Usage(31, 7));
  }

  @Test
  void shouldStreamTextDeltasAndAssembleToolCallsAndUsage() {
    server.reply(
        Reply.sse(
            "data:"
                + " {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}\n\n",
            "data:"
                + " {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_s\",\"type\":\"function\",\"function\":{\"name\":\"web_search\",\"arguments\":\"\"}}]}}]}\n\n",
            "data:"
                + " {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"q\\\":\"}}]}}]}\n\n",
            "data:"
                + " {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"a\\\"}\"}}]}}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n",
            "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":9}}\n\n",
            "data: [DONE]\n\n"));
    List<String> deltas = new ArrayList<>();

    ChatResponse r =
        openai.stream(
            target, new ChatRequest(List.of(ChatMessage.user("hi")), null, null), deltas::add);

    assertThat(deltas).containsExactly("Hel", "lo");
    assertThat(r.message().text()).isEqualTo("Hello");
    assertThat(r.message().calls().get(0).id()).isEqualTo("call_s");
    assertThat(r.message().calls().get(0).arguments().path("q").asText()).isEqualTo("a");
    assertThat(r.finishReason()).isEqualTo("tool_calls");
    assertThat(r.usage()).isEqualTo(new Usage(5, 9));
    assertThat(server.last().text()).contains("\"stream\":true").contains("\"include_usage\":true");
  }

  @Test
  void shouldRetryRetryableFailuresThenSucceed() {
    server.reply(
        Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"),
        Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}"),
        Reply.json(
            200,
            "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}"));

    ChatResponse r =
        openai.chat(target, new ChatRequest(List.of(ChatMessage.user("hi")), null, null));

    assertThat(r.message().text()).isEqualTo("ok");
    assertThat(server.received).hasSize(3);
  }

  @Test
  void shouldNotRetryARejectedRequestAndShowTheProvidersMessage() {
    server.reply(
        Reply.json(
            400,
            "{\"error\":{\"message\":\"Invalid 'messages':"
                + " empty\",\"type\":\"invalid_request_error\"}}"));

    assertThatThrownBy(
            () -> openai.chat(target, new ChatRequest(List.of(ChatMessage.user("hi")), null, null)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED);
              assertThat(e.getMessage()).isEqualTo("HTTP 400: Invalid 'messages': empty");
            });
    assertThat(server.received).hasSize(1);
  }

  @Test
  void shouldReportABadKeyAsAnAuthFailure() {
    server.reply(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}"));

    assertThatThrownBy(
            () -> openai.chat(target, new ChatRequest(List.of(ChatMessage.user("hi")), null, null)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.code()).isEqualTo("provider_auth_failed"));
  }

  @Test
  void shouldReportAnUnreachableServer() {
    server.close();

    assertThatThrownBy(
            () -> openai.chat(target, new ChatRequest(List.of(ChatMessage.user("hi")), null, null)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.code()).isEqualTo("provider_unreachable"));
  }

  @Test
  void shouldAcceptAnEndpointThatAlreadyEndsInV1() {
    server.reply(Reply.json(200, "{\"object\":\"list\",\"data\":[]}"));

    openai.probe(new Target(ProviderKind.OPENAI, "m", server.url() + "/v1", null));

    assertThat(server.last().path()).isEqualTo("/v1/models");
    assertThat(server.last().header("Authorization")).isNull();
  }

  @Test
  void shouldCutOffAStreamThatStalls() {
    OpenAiProvider impatient =
        new OpenAiProvider(
            new ProviderHttp(new TestModelsConfig("", java.time.Duration.ofMillis(300)), JSON));
    server.reply(
        Reply.sse(
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n",
            FakeServer.STALL));
    List<String> deltas = new ArrayList<>();

    assertThatThrownBy(
            () ->
                impatient.stream(
                    target,
                    new ChatRequest(List.of(ChatMessage.user("hi")), null, null),
                    deltas::add))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue());
    assertThat(deltas).containsExactly("Hel");
  }

  @Test
  void shouldCapReasoningModelsWithMaxCompletionTokens() {
    server.reply(
        Reply.json(
            200, "{\"choices\":[{\"message\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}"));

    openai.chat(
        new Target(ProviderKind.OPENAI, "o4-mini", server.url(), null),
        new ChatRequest(List.of(ChatMessage.user("hi")), null, 64));

    assertThat(server.last().text())
        .contains("\"max_completion_tokens\":64")
        .doesNotContain("\"max_tokens\"");
  }
}
