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
 * The pending list also carries requests of skill-service and pipeline-service ({@code source}).
 */
@Schema(name = "ApprovalRequest")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalView(
    UUID requestId,
    @Schema(description = "Absent for a pipeline's approval stage") String skillId,
    @Schema(description = "Absent for a pipeline's approval stage") String tool,
    JsonNode arguments,
    String summary,
    Instant expiresAt,
    @Schema(description = "The session it belongs to (beyond API.md)") UUID sessionId,
    @Schema(description = "The agent waiting on it, if any (beyond API.md)") UUID agentId,
    @Schema(
            description =
                "Who waits on the answer (beyond API.md, pending list only): agent (an agent or"
                    + " chat of agent-service), skill (skill-service's execute endpoint, a hook or"
                    + " a pipeline tool stage), pipeline (a pipeline's approval stage)",
            enumeration = {"agent", "skill", "pipeline"})
        String source,
    @Schema(description = "The pipeline run waiting on it, if any (beyond API.md)") UUID runId,
    @Schema(description = "A pipeline approval stage's question (beyond API.md)") String question,
    @Schema(description = "When it was asked (beyond API.md, pending list only)")
        Instant createdAt) {

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
          a.agentId,
          null,
          null,
          null,
          null);
    } catch (IOException e) {
      throw new IllegalStateException("Stored arguments are not JSON", e);
    }
  }

  /** The same, marked for the pending list. */
  public ApprovalView listed(String source, Instant createdAt) {
    return new ApprovalView(
        requestId, skillId, tool, arguments, summary, expiresAt, sessionId, agentId, source, runId,
        question, createdAt);
  }
}
