package io.switchboard.agent.client;

import io.switchboard.agent.client.SkillDtos.PermissionOverride;
import io.switchboard.agent.client.SkillDtos.ToolList;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * skill-service's public API, called with the user's own token (forwarded): the user's tools and
 * permission overrides. Used where no internal equivalent is guaranteed (see {@link ToolCatalog}).
 */
@RegisterRestClient(configKey = "skill-service")
@Path("/api/skills")
@Produces(MediaType.APPLICATION_JSON)
public interface SkillUserClient {

  @GET
  @Path("/tools/all")
  ToolList tools(@HeaderParam("Authorization") String bearer);

  @PUT
  @Path("/permissions")
  @Consumes(MediaType.APPLICATION_JSON)
  Response override(@HeaderParam("Authorization") String bearer, PermissionOverride override);
}
