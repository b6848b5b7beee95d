package io.switchboard.agent.agent.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.switchboard.agent.agent.Agent;
import io.switchboard.defaults.page.PageMeta;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Agents on the wire. */
public final class AgentDtos {

  public static final int MAX_MESSAGE = 100_000;

  /** Text PostgreSQL can store: no NUL characters. */
  public static final String TEXT = "[^\\x00]*";

  public static final String TEXT_MESSAGE = "must not contain NUL characters";
  static final String TOPIC_PATTERN = "[A-Za-z0-9_.:-]+";
  static final String TOPIC_MESSAGE = "must be letters, digits, '_', '.', ':' or '-'";

  private AgentDtos() {}

  @Schema(name = "CreateAgentRequest")
  public record CreateRequest(
      @Size(min = 1, max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String name,
      @Schema(description = "An existing session of the caller to continue; absent: a new one")
          UUID sessionId,
      @Size(min = 1, max = 100) @Pattern(regexp = TOPIC_PATTERN, message = TOPIC_MESSAGE) String topic,
      @Size(min = 1, max = 200) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String model,
      @Size(max = 20_000) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String systemPrompt,
      @Size(max = 50) List<@NotBlank @Size(max = 200) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String>
              skills,
      @Schema(description = "A first message: the agent starts running at once")
          @Size(min = 1, max = MAX_MESSAGE) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String message) {}

  @Schema(name = "AgentMessageRequest")
  public record MessageRequest(
      @NotNull @Size(min = 1, max = MAX_MESSAGE) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String message) {}

  @Schema(name = "AgentMessageAccepted")
  public record MessageAccepted(
      @Schema(enumeration = {"queued", "processing"}) String status, UUID messageId) {}

  @Schema(name = "Agent")
  public record AgentView(
      UUID id,
      String name,
      UUID userId,
      UUID sessionId,
      String topic,
      String model,
      @Schema(enumeration = {"idle", "running", "awaiting_approval", "paused", "stopped", "error"})
          String status,
      String systemPrompt,
      List<String> skills,
      int iteration,
      long totalTokens,
      String lastError,
      Instant createdAt,
      Instant updatedAt) {

    public static AgentView of(Agent a) {
      return new AgentView(
          a.id,
          a.name,
          a.userId,
          a.sessionId,
          a.topic,
          a.model,
          a.status,
          a.systemPrompt,
          a.skills == null ? List.of() : List.of(a.skills),
          a.iteration,
          a.totalTokens,
          a.lastError,
          a.createdAt,
          a.updatedAt);
    }
  }

  @Schema(name = "AgentList")
  public record AgentList(List<AgentView> agents, @JsonUnwrapped PageMeta page) {}
}
