package io.switchboard.agent.approval.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.agent.approval.Approval;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An approval request on the wire (API.md: {requestId,skillId,tool,arguments,summary,expiresAt}).
 */
@Schema(name = "ApprovalRequest")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalView(
    UUID requestId,
    String skillId,
    String tool,
    JsonNode arguments,
    String summary,
    Instant expiresAt,
    @Schema(description = "The session it belongs to (beyond API.md)") UUID sessionId,
    @Schema(description = "The agent waiting on it, if any (beyond API.md)") UUID agentId) {

  public static ApprovalView of(Approval a, ObjectMapper json) {
    try {
      return new ApprovalView(
          a.id,
          a.skillId,
          a.tool,
          json.readTree(a.arguments),
          a.summary,
          a.expiresAt,
          a.sessionId,
          a.agentId);
    } catch (IOException e) {
      throw new IllegalStateException("Stored arguments are not JSON", e);
    }
  }
}
