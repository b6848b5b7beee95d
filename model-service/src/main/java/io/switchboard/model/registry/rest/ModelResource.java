package io.switchboard.model.registry.rest;

import io.switchboard.defaults.security.Roles;
import io.switchboard.model.registry.Model;
import io.switchboard.model.registry.rest.ModelDtos.CreateRequest;
import io.switchboard.model.registry.rest.ModelDtos.ModelList;
import io.switchboard.model.registry.rest.ModelDtos.ModelView;
import io.switchboard.model.registry.rest.ModelDtos.UpdateRequest;
import io.switchboard.model.registry.service.ModelService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The global model registry: everyone reads, admins write. */
@Path("/api/models")
@Tag(name = "Models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

  private final ModelService models;

  public ModelResource(ModelService models) {
    this.models = models;
  }

  @GET
  @RolesAllowed(Roles.USER)
  @Operation(summary = "Every model, by priority then name")
  public ModelList list() {
    return new ModelList(models.list().stream().map(ModelView::of).toList());
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Register a model (admin)",
      description =
          "201; 409 name_taken; 400 unknown_provider, invalid_endpoint, endpoint_not_allowed"
              + " (link-local/metadata addresses; see switchboard.models.allow-private-endpoints)."
              + " API keys are never stored: credentialId names a vault credential.")
  public Response create(@Valid @NotNull CreateRequest request) {
    Model m = models.create(request);
    return Response.created(URI.create("/api/models/" + m.name)).entity(ModelView.of(m)).build();
  }

  @GET
  @Path("/{name}")
  @RolesAllowed(Roles.USER)
  @Operation(summary = "A model by name")
  public ModelView get(@PathParam("name") String name) {
    return ModelView.of(models.get(name));
  }

  @PATCH
  @Path("/{name}")
  @RolesAllowed(Roles.ADMIN)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change a model (admin); only the fields present change",
      description = "409 default_model when disabling the default model.")
  public ModelView update(@PathParam("name") String name, @Valid @NotNull UpdateRequest request) {
    return ModelView.of(models.update(name, request));
  }

  @DELETE
  @Path("/{name}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Remove a model (admin)", description = "409 default_model for the default.")
  public Response delete(@PathParam("name") String name) {
    models.delete(name);
    return Response.noContent().build();
  }

  @POST
  @Path("/{idOrName}/default")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Make a model the default (admin); by id or name",
      description = "Exactly one default at a time; 409 model_disabled for a disabled model.")
  public ModelView makeDefault(@PathParam("idOrName") String idOrName) {
    return ModelView.of(models.setDefault(idOrName));
  }
}
