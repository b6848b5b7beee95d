package io.switchboard.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.agent.runtime.Transcript.Call;
import io.switchboard.agent.runtime.Transcript.Complete;
import io.switchboard.agent.runtime.Transcript.Final;
import io.switchboard.agent.session.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The next step is read off the transcript alone. */
class TranscriptTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TWO_CALLS =
      "[{\"id\":\"a\",\"name\":\"echo\",\"arguments\":{}},"
          + "{\"id\":\"b\",\"name\":\"mail\",\"arguments\":{\"to\":\"x\"}}]";

  private static Message m(String role, String content, String toolCalls, String toolCallId) {
    Message m = new Message();
    m.role = role;
    m.content = content;
    m.toolCalls = toolCalls;
    m.toolCallId = toolCallId;
    return m;
  }

  @Test
  void shouldCompleteAfterAUserMessage() {
    assertThat(Transcript.next(List.of(m("user", "hi", null, null)), JSON))
        .isInstanceOf(Complete.class);
  }

  @Test
  void shouldFinishOnAnAssistantMessageWithoutCalls() {
    var next =
        Transcript.next(
            List.of(m("user", "hi", null, null), m("assistant", "yo", null, null)), JSON);
    assertThat(next).isInstanceOf(Final.class);
  }

  @Test
  void shouldPickTheFirstUnansweredCallInOrder() {
    var transcript = List.of(m("user", "hi", null, null), m("assistant", "", TWO_CALLS, null));
    assertThat(((Call) Transcript.next(transcript, JSON)).call().id()).isEqualTo("a");
    var answeredOne =
        List.of(
            m("user", "hi", null, null),
            m("assistant", "", TWO_CALLS, null),
            m("tool", "done", null, "a"));
    assertThat(((Call) Transcript.next(answeredOne, JSON)).call().name()).isEqualTo("mail");
  }

  @Test
  void shouldCompleteOnceEveryCallIsAnswered() {
    var transcript =
        List.of(
            m("user", "hi", null, null),
            m("assistant", "", TWO_CALLS, null),
            m("tool", "1", null, "a"),
            m("tool", "2", null, "b"));
    assertThat(Transcript.next(transcript, JSON)).isInstanceOf(Complete.class);
  }

  @Test
  void shouldCompleteForANewUserMessageAfterAFinalAnswer() {
    var transcript =
        List.of(
            m("user", "hi", null, null),
            m("assistant", "yo", null, null),
            m("user", "again", null, null));
    assertThat(Transcript.next(transcript, JSON)).isInstanceOf(Complete.class);
  }

  @Test
  void shouldPrefixTheSystemPromptAndKeepToolLinks() {
    var out =
        Transcript.forModel(
            "Be brief.",
            List.of(m("assistant", "", TWO_CALLS, null), m("tool", "r", null, "a")),
            JSON);
    assertThat(out).hasSize(3);
    assertThat(out.get(0).role()).isEqualTo("system");
    assertThat(out.get(1).toolCalls()).hasSize(2);
    assertThat(out.get(2).toolCallId()).isEqualTo("a");
  }

  @Test
  void shouldTurnArgumentsIntoAnObject() {
    assertThat(
            Transcript.arguments(JSON.getNodeFactory().textNode("{\"a\":1}"), JSON)
                .path("a")
                .asInt())
        .isEqualTo(1);
    assertThat(Transcript.arguments(JSON.getNodeFactory().textNode("not json"), JSON).isObject())
        .isTrue();
    assertThat(Transcript.arguments(null, JSON).isObject()).isTrue();
  }
}
