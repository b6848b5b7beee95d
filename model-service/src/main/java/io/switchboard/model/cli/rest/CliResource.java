package io.switchboard.model.cli.rest;

import io.switchboard.defaults.security.Roles;
import io.switchboard.model.cli.service.CliQuota;
import io.switchboard.model.cli.service.CliTools;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Subscription CLI tools used as providers: presence, versions, quota. */
@Path("/api/models/cli")
@Tag(name = "Models")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
public class CliResource {

  @Schema(name = "CliToolList")
  public record ToolList(List<CliTools.Status> tools) {}

  @Schema(name = "CliQuotaList")
  public record QuotaList(List<CliQuota.State> quotas) {}

  private final CliTools tools;
  private final CliQuota quota;

  public CliResource(CliTools tools, CliQuota quota) {
    this.tools = tools;
    this.quota = quota;
  }

  @GET
  @Path("/status")
  @Operation(
      summary = "Configured CLI tools found on PATH, with versions (--version, with a timeout)")
  public ToolList status() {
    return new ToolList(tools.status());
  }

  @GET
  @Path("/quota")
  @Operation(
      summary = "Per CLI tool: today's requests and tokens (UTC), exhausted or not, when it resets",
      description = "Shared by every replica (PostgreSQL).")
  public QuotaList quota() {
    return new QuotaList(tools.configured().keySet().stream().map(quota::state).toList());
  }
}
