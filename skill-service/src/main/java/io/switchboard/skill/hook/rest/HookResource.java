package io.switchboard.skill.hook.rest;

import io.switchboard.defaults.page.PageRequest;
import io.switchboard.defaults.security.Roles;
import io.switchboard.skill.hook.HookDtos.ExecutionList;
import io.switchboard.skill.hook.HookDtos.HookList;
import io.switchboard.skill.hook.HookDtos.HookRequest;
import io.switchboard.skill.hook.HookDtos.HookView;
import io.switchboard.skill.hook.HookService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's hooks. Another user's hook is 404. */
@Path("/api/hooks")
@Tag(name = "Hooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
public class HookResource {

  private final HookService hooks;
  private final JsonWebToken jwt;

  public HookResource(HookService hooks, JsonWebToken jwt) {
    this.hooks = hooks;
    this.jwt = jwt;
  }

  private UUID user() {
    return UUID.fromString(jwt.getSubject());
  }

  @GET
  @Operation(summary = "The caller's hooks, oldest first")
  public HookList list() {
    return new HookList(hooks.list(user()).stream().map(HookView::of).toList());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a hook",
      description =
          "201 with the hook and its webhook signing `secret`, shown only in this answer."
              + " 400 validation_failed naming the field: unknown trigger or action type, invalid"
              + " cron, bad condition, non-http(s) or private webhook URL, bad action config.")
  public Response create(@Valid @NotNull HookRequest request, @Context UriInfo uri) {
    HookView created = hooks.create(user(), request);
    return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
        .entity(created)
        .build();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One hook (never its secret)")
  public HookView get(@PathParam("id") UUID id) {
    return HookView.of(hooks.get(user(), id));
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Replace a hook (same rules as create; the secret is kept)")
  public HookView replace(@PathParam("id") UUID id, @Valid @NotNull HookRequest request) {
    return HookView.of(hooks.replace(user(), id, request));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a hook and its executions")
  public Response delete(@PathParam("id") UUID id) {
    hooks.delete(user(), id);
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/enable")
  @Operation(summary = "Enable a hook")
  public HookView enable(@PathParam("id") UUID id) {
    return HookView.of(hooks.setEnabled(user(), id, true));
  }

  @POST
  @Path("/{id}/disable")
  @Operation(summary = "Disable a hook")
  public HookView disable(@PathParam("id") UUID id) {
    return HookView.of(hooks.setEnabled(user(), id, false));
  }

  @GET
  @Path("/{id}/executions")
  @Operation(summary = "The hook's executions, newest first (paginated)")
  public ExecutionList executions(@PathParam("id") UUID id, @BeanParam @Valid PageRequest page) {
    return hooks.executions(user(), id, page);
  }
}
