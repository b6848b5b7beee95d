package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientFramesTest {

  private final ClientFrames frames = new ClientFrames(new ObjectMapper(), 1024);

  @Test
  void shouldParseEveryKindOfFrame() throws FrameError {
    assertThat(frames.parse("{\"type\":\"ping\"}")).isInstanceOf(ClientFrame.Ping.class);
    assertThat(
            frames.parse(
                "{\"type\":\"subscribe\",\"channels\":[\"agent.status\",\"agent.status\","
                    + "\"pipeline.status\"],\"agentId\":\"a-1\"}"))
        .isEqualTo(
            new ClientFrame.Subscribe(
                List.of(Channel.AGENT_STATUS, Channel.PIPELINE_STATUS), "a-1"));
    assertThat(frames.parse("{\"type\":\"unsubscribe\",\"channels\":[\"notification\"]}"))
        .isEqualTo(new ClientFrame.Unsubscribe(List.of(Channel.NOTIFICATION), null));
    assertThat(
            frames.parse(
                "{\"type\":\"message\",\"content\":\"hi\",\"sessionId\":\"s\",\"id\":\"m\"}"))
        .isEqualTo(new ClientFrame.Message(null, "s", "hi", "m"));
  }

  @Test
  void shouldGiveAMessageWithoutIdAFreshOne() throws FrameError {
    ClientFrame.Message first =
        (ClientFrame.Message) frames.parse("{\"type\":\"message\",\"content\":\"a\"}");
    ClientFrame.Message second =
        (ClientFrame.Message) frames.parse("{\"type\":\"message\",\"content\":\"a\"}");
    assertThat(first.id()).isNotBlank().isNotEqualTo(second.id());
  }

  @Test
  void shouldCountTheLimitInUtf8Bytes() throws FrameError {
    String justFits = "{\"type\":\"ping\",\"p\":\"" + "x".repeat(1024 - 22) + "\"}";
    assertThat(justFits.length()).isEqualTo(1024);
    assertThat(frames.parse(justFits)).isInstanceOf(ClientFrame.Ping.class);
    String multiByte = "{\"type\":\"ping\",\"p\":\"" + "é".repeat(600) + "\"}";
    assertThatThrownBy(() -> frames.parse(multiByte))
        .isInstanceOfSatisfying(
            FrameError.class, e -> assertThat(e.code()).isEqualTo("frame_too_large"));
  }

  @Test
  void shouldNeverEchoTheClientsInput() {
    assertThatThrownBy(() -> frames.parse("{\"type\":\"<script>\"}"))
        .isInstanceOfSatisfying(
            FrameError.class,
            e -> {
              assertThat(e.code()).isEqualTo("unknown_type");
              assertThat(e.getMessage()).doesNotContain("<script>");
            });
    assertThatThrownBy(() -> frames.parse("{\"type\":\"subscribe\",\"channels\":[\"<b>\"]}"))
        .isInstanceOfSatisfying(
            FrameError.class, e -> assertThat(e.getMessage()).doesNotContain("<b>"));
  }
}
