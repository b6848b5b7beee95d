package io.switchboard.skill.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.defaults.service.ServiceTokenHeaders;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** vault-service's internal, audited resolution of a credential by name, with a service token. */
@RegisterRestClient(configKey = "vault")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/vault")
public interface VaultClient {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ResolveRequest(UUID userId, String name, String purpose) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Resolved(UUID id, String name, String value, int version) {}

  @POST
  @Path("/resolve")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Resolved resolve(ResolveRequest request);
}
