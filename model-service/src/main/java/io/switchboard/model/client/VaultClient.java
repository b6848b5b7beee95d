package io.switchboard.model.client;

import io.switchboard.defaults.service.ServiceTokenHeaders;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** vault-service's internal API, called with this service's service token. */
@RegisterRestClient(configKey = "vault")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/vault")
public interface VaultClient {

  /** The request of {@code POST /internal/vault/resolve}. */
  record ResolveRequest(UUID userId, UUID credentialId, String name, String purpose) {}

  /** Its answer; {@code value} is the secret: never logged, stored or returned. */
  record Resolved(UUID id, String name, String value, int version) {
    @Override
    public String toString() {
      return "Resolved[" + id + ", version " + version + "]";
    }
  }

  @POST
  @Path("/resolve")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Resolved resolve(ResolveRequest request);
}
