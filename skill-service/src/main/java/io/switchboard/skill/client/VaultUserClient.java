package io.switchboard.skill.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** vault-service's public list, called with the user's own token (metadata only, no values). */
@RegisterRestClient(configKey = "vault")
@Path("/api/vault")
public interface VaultUserClient {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Entry(String name, String credentialType, String description) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Page(List<Entry> credentials, long total) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  Page list(@HeaderParam("Authorization") String authorization, @QueryParam("limit") int limit);
}
