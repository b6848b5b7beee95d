package io.switchboard.gateway.openapi;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /openapi}: the merged OpenAPI document of every service (JSON), the one Swagger UI at
 * {@code /swagger} shows. The gateway's own document is at {@code /openapi/gateway}.
 */
@Path("/openapi")
@PermitAll
public class MergedOpenApiResource {

  private final MergedOpenApi merged;

  public MergedOpenApiResource(MergedOpenApi merged) {
    this.merged = merged;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(hidden = true)
  public Uni<String> document() {
    return merged.document();
  }
}
