package io.switchboard.pipeline.template.rest;

import io.switchboard.defaults.page.PageRequest;
import io.switchboard.defaults.security.Roles;
import io.switchboard.pipeline.template.rest.TemplateDtos.TemplateList;
import io.switchboard.pipeline.template.rest.TemplateDtos.TemplateRequest;
import io.switchboard.pipeline.template.rest.TemplateDtos.TemplateView;
import io.switchboard.pipeline.template.service.TemplateService;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A user's pipeline templates. */
@Path("/api/pipelines/templates")
@Tag(name = "Pipelines")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
public class TemplateResource {

  private final TemplateService templates;
  private final JsonWebToken jwt;

  public TemplateResource(TemplateService templates, JsonWebToken jwt) {
    this.templates = templates;
    this.jwt = jwt;
  }

  private UUID user() {
    return UUID.fromString(jwt.getSubject());
  }

  @GET
  @Operation(summary = "List the caller's templates, newest first")
  public TemplateList list(@BeanParam @Valid PageRequest page) {
    return templates.list(user(), page);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a template",
      description =
          "400 validation_failed for a malformed body; 422 invalid_template (errors[] with"
              + " stages[i].field) for an unknown type, a bad config, duplicate names or a"
              + " reference to a missing, own or later stage.")
  public Response create(@Valid @NotNull TemplateRequest request) {
    TemplateView t = templates.create(user(), request);
    return Response.created(URI.create("/api/pipelines/templates/" + t.id())).entity(t).build();
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Replace a template (runs already started keep their copy)")
  public TemplateView replace(@PathParam("id") UUID id, @Valid @NotNull TemplateRequest request) {
    return templates.replace(user(), id, request);
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a template (its runs stay)")
  public Response delete(@PathParam("id") UUID id) {
    templates.delete(user(), id);
    return Response.noContent().build();
  }
}
