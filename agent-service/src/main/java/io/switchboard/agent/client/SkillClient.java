package io.switchboard.agent.client;

import io.switchboard.agent.client.SkillDtos.ExecuteRequest;
import io.switchboard.agent.client.SkillDtos.ExecuteResult;
import io.switchboard.agent.client.SkillDtos.PermissionAnswer;
import io.switchboard.agent.client.SkillDtos.PermissionCheck;
import io.switchboard.agent.client.SkillDtos.ResolveRequest;
import io.switchboard.defaults.service.ServiceTokenHeaders;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** skill-service's internal API, called with this service's token on behalf of a user. */
@RegisterRestClient(configKey = "skill-service")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SkillClient {

  /** Every tool, for work that runs without a user request (pipelines, hooks). */
  @jakarta.ws.rs.GET
  @Path("/tools")
  SkillDtos.ToolList tools();

  @POST
  @Path("/permissions/check")
  PermissionAnswer check(PermissionCheck request);

  @POST
  @Path("/tools/execute")
  ExecuteResult execute(ExecuteRequest request);

  /** The user's pending approvals skill-service holds (its execute endpoint, hooks, pipelines). */
  @jakarta.ws.rs.GET
  @Path("/approvals")
  SkillDtos.PendingList pending(@jakarta.ws.rs.QueryParam("userId") UUID userId);

  /** Resolves an approval skill-service owns; the status tells the outcome (200, 404, 409). */
  @POST
  @Path("/approvals/{id}/resolve")
  Response resolve(@PathParam("id") UUID id, ResolveRequest request);
}
