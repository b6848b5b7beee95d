package io.switchboard.skill.hook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.defaults.service.ServiceTokenHeaders;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** agent-service's internal agent creation, for the {@code spawn_agent} hook action. */
@RegisterRestClient(configKey = "agent-service")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/agents")
public interface AgentClient {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SpawnRequest(UUID userId, String name, String prompt, String topic, String model) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  JsonNode spawn(SpawnRequest request);
}
