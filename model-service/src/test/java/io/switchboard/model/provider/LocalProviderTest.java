package io.switchboard.model.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.model.provider.local.LocalProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalProviderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Target TARGET = new Target(ProviderKind.LOCAL, "echo", null, null);
  private final LocalProvider local = new LocalProvider(JSON);

  private static ToolSpec tool(String name, String requiredField) throws Exception {
    ObjectNode schema =
        (ObjectNode)
            JSON.readTree(
                "{\"type\":\"object\",\"properties\":{\""
                    + requiredField
                    + "\":{\"type\":\"string\"}},\"required\":[\""
                    + requiredField
                    + "\"]}");
    return new ToolSpec(name, "a tool", schema);
  }

  @Test
  void shouldEchoALabelledAnswerWithoutTools() {
    ChatResponse r =
        local.chat(TARGET, new ChatRequest(List.of(ChatMessage.user("hello there")), null, null));

    assertThat(r.message().text()).isEqualTo("[local/echo] You said: hello there");
    assertThat(r.finishReason()).isEqualTo("stop");
    assertThat(r.usage().inputTokens()).isPositive();
    assertThat(r.usage().outputTokens()).isPositive();
  }

  @Test
  void shouldCallAToolNamedWithUseAndJsonArguments() throws Exception {
    ChatRequest request =
        new ChatRequest(
            List.of(ChatMessage.user("please use web_search {\"query\":\"quarkus\",\"n\":3}")),
            List.of(tool("web_search", "query"), tool("read_file", "path")),
            null);

    ChatResponse r = local.chat(TARGET, request);

    assertThat(r.finishReason()).isEqualTo("tool_calls");
    ToolCall call = r.message().calls().get(0);
    assertThat(call.name()).isEqualTo("web_search");
    assertThat(call.arguments().path("query").asText()).isEqualTo("quarkus");
    assertThat(call.arguments().path("n").asInt()).isEqualTo(3);
    assertThat(call.id()).startsWith("call_");
    assertThat(local.chat(TARGET, request).message().calls().get(0).id()).isEqualTo(call.id());
  }

  @Test
  void shouldCallAToolMentionedByNameFillingRequiredStrings() throws Exception {
    ChatRequest request =
        new ChatRequest(
            List.of(ChatMessage.user("run read_file on notes.txt")),
            List.of(tool("read_file", "path")),
            null);

    ToolCall call = local.chat(TARGET, request).message().calls().get(0);

    assertThat(call.name()).isEqualTo("read_file");
    assertThat(call.arguments().path("path").asText()).isEqualTo("run read_file on notes.txt");
  }

  @Test
  void shouldQuoteToolResultsAfterTheCall() throws Exception {
    ToolCall call = new ToolCall("call_1", "web_search", JSON.createObjectNode());
    ChatRequest request =
        new ChatRequest(
            List.of(
                ChatMessage.user("use web_search"),
                ChatMessage.assistant(null, List.of(call)),
                new ChatMessage("tool", "42 results", null, "call_1")),
            List.of(tool("web_search", "query")),
            null);

    ChatResponse r = local.chat(TARGET, request);

    assertThat(r.finishReason()).isEqualTo("stop");
    assertThat(r.message().calls()).isEmpty();
    assertThat(r.message().text())
        .isEqualTo("[local/echo] The tool web_search returned: 42 results");
  }

  @Test
  void shouldNotCallAToolThatWasNotOffered() {
    ChatResponse r =
        local.chat(
            TARGET, new ChatRequest(List.of(ChatMessage.user("use rm_rf {}")), List.of(), null));

    assertThat(r.message().calls()).isEmpty();
  }

  @Test
  void shouldStreamTheSameTextInPieces() {
    List<String> deltas = new ArrayList<>();
    ChatResponse r =
        local.stream(
            TARGET,
            new ChatRequest(List.of(ChatMessage.user("one two three")), null, null),
            deltas::add);

    assertThat(deltas).hasSizeGreaterThan(3);
    assertThat(String.join("", deltas)).isEqualTo(r.message().text());
  }
}
