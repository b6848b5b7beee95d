package io.switchboard.agent.chat.rest;

import static io.switchboard.agent.agent.rest.AgentDtos.TEXT;
import static io.switchboard.agent.agent.rest.AgentDtos.TEXT_MESSAGE;

import io.switchboard.agent.approval.service.ApprovalView;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Chat and approvals on the wire. */
public final class ChatDtos {

  private ChatDtos() {}

  @Schema(name = "ChatRequest")
  public record ChatRequest(
      @NotNull @Size(min = 1, max = 100_000) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String message,
      @Schema(description = "A chat session of the caller; absent: a new one") UUID sessionId,
      @Size(min = 1, max = 200) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String model,
      @Size(min = 1, max = 100) @Pattern(
              regexp = "[A-Za-z0-9_.:-]+",
              message = "must be letters, digits, '_', '.', ':' or '-'")
          String topic) {}

  @Schema(name = "ChatResponse")
  public record ChatResponse(
      UUID sessionId, UUID messageId, String response, String model, String topic) {}

  @Schema(name = "ChatAwaitingApproval")
  public record ChatAwaiting(
      UUID sessionId,
      @Schema(enumeration = "awaiting_approval") String status,
      ApprovalView approval) {}

  @Schema(name = "ApproveRequest")
  public record ApproveRequest(
      @NotNull UUID requestId,
      @NotNull Boolean approved,
      @Schema(description = "Make the answer a lasting permission for this tool") Boolean remember,
      @Schema(description = "A note to the model (with a denial: why)")
          @Size(max = 2000) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String response) {}

  @Schema(name = "ApprovalResolved")
  public record Resolved(boolean resolved, UUID requestId) {}

  @Schema(name = "PendingApprovals")
  public record PendingList(
      List<ApprovalView> approvals,
      @Schema(
              description =
                  "true when a service holding approvals could not answer: the list lacks its"
                      + " part (beyond API.md)")
          boolean partial,
      @Schema(
              description =
                  "The services whose approvals are missing: skill-service, pipeline-service"
                      + " (empty when complete)")
          List<String> unavailable) {}
}
