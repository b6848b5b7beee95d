package io.switchboard.model.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One message of a conversation, the same on the internal completion API and inside the providers.
 * {@code toolCalls} only on assistant messages, {@code toolCallId} only on tool results.
 */
@Schema(name = "ChatMessage")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ChatMessage(
    @NotNull @Pattern(
            regexp = "system|user|assistant|tool",
            message = "must be system, user, assistant or tool")
        String role,
    @Size(max = 2_000_000) String content,
    @Size(max = 128) List<@Valid @NotNull ToolCall> toolCalls,
    @Size(max = 200) String toolCallId) {

  public static ChatMessage system(String content) {
    return new ChatMessage("system", content, null, null);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage("user", content, null, null);
  }

  public static ChatMessage assistant(String content, List<ToolCall> toolCalls) {
    return new ChatMessage("assistant", content, toolCalls, null);
  }

  public String text() {
    return content == null ? "" : content;
  }

  public List<ToolCall> calls() {
    return toolCalls == null ? List.of() : toolCalls;
  }
}
