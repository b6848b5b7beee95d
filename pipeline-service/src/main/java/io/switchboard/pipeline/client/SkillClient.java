package io.switchboard.pipeline.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.defaults.service.ServiceTokenHeaders;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** skill-service's internal tool execution, for tool stages. */
@RegisterRestClient(configKey = "skill-service")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/tools")
@Produces(MediaType.APPLICATION_JSON)
public interface SkillClient {

  /** Not retried here: a failed call is a failed stage attempt (the stage's maxRetries). */
  @POST
  @Path("/execute")
  @Consumes(MediaType.APPLICATION_JSON)
  @Timeout(300_000)
  ToolResult execute(@HeaderParam("Idempotency-Key") String idempotencyKey, ToolRequest request);

  record ToolRequest(UUID userId, String skillId, String tool, JsonNode arguments) {}

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
}
