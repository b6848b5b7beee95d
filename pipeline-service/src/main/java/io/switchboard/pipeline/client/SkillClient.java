package io.switchboard.pipeline.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.defaults.service.ServiceTokenHeaders;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** skill-service's internal tool execution and approvals, for tool stages. */
@RegisterRestClient(configKey = "skill-service")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public interface SkillClient {

  /** Not retried here: a failed call is a failed stage attempt (the stage's maxRetries). */
  @POST
  @Path("/tools/execute")
  @Consumes(MediaType.APPLICATION_JSON)
  @Timeout(300_000)
  ToolResult execute(@HeaderParam("Idempotency-Key") String idempotencyKey, ToolRequest request);

  /** The approval skill-service asked for a tool stage's call (permission "ask"). */
  @GET
  @Path("/approvals/{id}")
  @Timeout(5_000)
  @Retry(maxRetries = 2, delay = 200)
  ApprovalState approval(@PathParam("id") UUID requestId, @QueryParam("userId") UUID userId);

  /** Answers it for the user (a stopped run withdraws its request: denied). */
  @POST
  @Path("/approvals/{id}/resolve")
  @Consumes(MediaType.APPLICATION_JSON)
  @Timeout(5_000)
  ApprovalState resolve(@PathParam("id") UUID requestId, Resolution resolution);

  /** {@code approvalRequestId}: the user approved exactly this call (it runs once). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ToolRequest(
      UUID userId, String skillId, String tool, JsonNode arguments, UUID approvalRequestId) {}

  /**
   * 200 {@code {result,isError,durationMs}}, or 202 {@code {status:"awaiting_approval",approval}}
   * when the user's permission for the tool is "ask".
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ToolResult(
      JsonNode result,
      @JsonProperty("isError") boolean isError,
      long durationMs,
      String status,
      JsonNode approval) {

    public boolean awaitingApproval() {
      return "awaiting_approval".equals(status);
    }
  }

  /** {@code status}: pending, approved, denied, expired. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ApprovalState(UUID requestId, String status, String summary, Instant expiresAt) {}

  record Resolution(UUID userId, boolean approved, boolean remember) {}
}
