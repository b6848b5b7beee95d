package io.switchboard.agent.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.switchboard.defaults.service.ServiceTokenHeaders;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** pipeline-service's internal API: the approval gates of pipeline runs. */
@RegisterRestClient(configKey = "pipeline-service")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface PipelineClient {

  record Resolution(UUID userId, boolean approved) {}

  /** One open approval stage of the user's runs. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record PendingApproval(
      UUID requestId, UUID runId, String question, Instant createdAt, Instant expiresAt) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record PendingList(List<PendingApproval> approvals) {}

  /** The user's open pipeline approvals. */
  @GET
  @Path("/pending")
  PendingList pending(@QueryParam("userId") UUID userId);

  /** Resolves a pipeline's approval gate; the status tells the outcome (200, 404, 409). */
  @POST
  @Path("/{id}/resolve")
  Response resolve(@PathParam("id") UUID id, Resolution resolution);
}
