package io.switchboard.agent.session.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.agent.session.Session;
import io.switchboard.defaults.page.PageMeta;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Sessions and messages on the wire. */
public final class SessionDtos {

  private SessionDtos() {}

  @Schema(name = "Session")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SessionView(
      UUID id, String title, UUID agentId, int messageCount, Instant createdAt, Instant updatedAt) {

    public static SessionView of(Session s) {
      return new SessionView(s.id, s.title, s.agentId, s.messageCount, s.createdAt, s.updatedAt);
    }
  }

  @Schema(name = "SessionList")
  public record SessionList(List<SessionView> sessions, @JsonUnwrapped PageMeta page) {}

  @Schema(name = "Message")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MessageView(
      UUID id,
      @Schema(enumeration = {"user", "assistant", "tool"}) String role,
      String content,
      @Schema(description = "Tool calls of an assistant message: [{id,name,arguments}]")
          JsonNode toolCalls,
      @Schema(description = "For a tool message: the call it answers") String toolCallId,
      String model,
      Instant createdAt) {}

  @Schema(name = "MessageList")
  public record MessageList(List<MessageView> messages, boolean hasMore) {}
}
