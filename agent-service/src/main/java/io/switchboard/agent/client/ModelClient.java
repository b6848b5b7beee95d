package io.switchboard.agent.client;

import io.switchboard.agent.client.ModelDtos.CompletionRequest;
import io.switchboard.agent.client.ModelDtos.CompletionResponse;
import io.switchboard.defaults.service.ServiceTokenHeaders;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** model-service's internal API, called with this service's token. */
@RegisterRestClient(configKey = "model-service")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ModelClient {

  @POST
  @Path("/completions")
  CompletionResponse complete(CompletionRequest request);
}
