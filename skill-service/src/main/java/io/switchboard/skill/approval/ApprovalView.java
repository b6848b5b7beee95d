package io.switchboard.skill.approval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An approval on the wire and in {@code approval.*} events. Arguments never hold a secret. */
@Schema(name = "Approval")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalView(
    UUID requestId,
    String skillId,
    String tool,
    @Schema(description = "As given; {{secret:NAME}} references are never resolved here")
        JsonNode arguments,
    String summary,
    @Schema(enumeration = {"pending", "approved", "denied", "expired"}) String status,
    String requestedBy,
    Instant createdAt,
    Instant expiresAt,
    Instant resolvedAt,
    boolean remember,
    Instant usedAt) {

  public static ApprovalView of(Approval a) {
    return new ApprovalView(
        a.id,
        a.skillId,
        a.tool,
        a.arguments,
        a.summary,
        a.status,
        a.requestedBy,
        a.createdAt,
        a.expiresAt,
        a.resolvedAt,
        a.remember,
        a.usedAt);
  }
}
