package io.switchboard.pipeline.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** agent-service's internal API for agent stages (contract in pipeline-service/README.md). */
@RegisterRestClient(configKey = "agent-service")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/agents")
@Produces(MediaType.APPLICATION_JSON)
public interface AgentClient {

  /** Starts the agent of one attempt; the Idempotency-Key is {@code runId:stage:attempt}. */
  @POST
  @Path("/runs")
  @Consumes(MediaType.APPLICATION_JSON)
  @Timeout(10_000)
  Started start(@HeaderParam("Idempotency-Key") String idempotencyKey, RunRequest request);

  @GET
  @Path("/{agentId}")
  @Timeout(5_000)
  @Retry(maxRetries = 2, delay = 200)
  AgentState get(@PathParam("agentId") String agentId, @QueryParam("userId") UUID userId);

  @POST
  @Path("/{agentId}/cancel")
  @Consumes(MediaType.APPLICATION_JSON)
  @Timeout(5_000)
  @Retry(maxRetries = 2, delay = 200)
  void cancel(@PathParam("agentId") String agentId, CancelRequest request);

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RunRequest(
      UUID userId,
      UUID runId,
      String stage,
      String prompt,
      String topic,
      String model,
      List<String> skills) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Started(String agentId) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record AgentState(String id, String status, String lastError, Message lastMessage) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Message(String content) {}

  record CancelRequest(UUID userId) {}
}
