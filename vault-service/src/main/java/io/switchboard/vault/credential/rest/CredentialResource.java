package io.switchboard.vault.credential.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.defaults.idempotency.Idempotency;
import io.switchboard.defaults.page.PageRequest;
import io.switchboard.defaults.problem.ProblemCode;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.defaults.security.Roles;
import io.switchboard.vault.credential.Credential;
import io.switchboard.vault.credential.rest.CredentialDtos.AuditList;
import io.switchboard.vault.credential.rest.CredentialDtos.CreateRequest;
import io.switchboard.vault.credential.rest.CredentialDtos.CredentialList;
import io.switchboard.vault.credential.rest.CredentialDtos.CredentialView;
import io.switchboard.vault.credential.rest.CredentialDtos.RotateRequest;
import io.switchboard.vault.credential.rest.CredentialDtos.RotateResponse;
import io.switchboard.vault.credential.rest.CredentialDtos.UpdateRequest;
import io.switchboard.vault.credential.service.CredentialService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A user's credentials. No answer ever carries a value. */
@Path("/api/vault")
@Tag(name = "Vault")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
public class CredentialResource {

  private final CredentialService credentials;
  private final JsonWebToken jwt;
  private final ObjectMapper json;
  private final Idempotency idempotency;

  public CredentialResource(
      CredentialService credentials, JsonWebToken jwt, ObjectMapper json, Idempotency idempotency) {
    this.credentials = credentials;
    this.jwt = jwt;
    this.json = json;
    this.idempotency = idempotency;
  }

  private UUID user() {
    return UUID.fromString(jwt.getSubject());
  }

  @GET
  @Operation(summary = "List the caller's credentials (metadata and a masked preview only)")
  public CredentialList list(@BeanParam @Valid PageRequest page) {
    return credentials.list(user(), page);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Store a credential",
      description =
          "201 without the value; 409 name_taken when the caller has one of that name. With an"
              + " Idempotency-Key, a retry gets the first answer again (Idempotent-Replayed: true)"
              + " and stores nothing; the same key for another request → 422"
              + " idempotency_key_reused.")
  public Response create(
      @Valid @NotNull CreateRequest request,
      @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
    return idempotency.once(
        jwt.getSubject(),
        "POST /api/vault",
        idempotencyKey,
        request.withoutValue(),
        () -> {
          Credential c = credentials.create(user(), request);
          return Response.created(URI.create("/api/vault/" + c.id))
              .entity(CredentialView.of(c))
              .build();
        });
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A credential's metadata")
  public CredentialView get(@PathParam("id") UUID id) {
    return CredentialView.of(credentials.get(user(), id));
  }

  @PATCH
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change name, description, tags, expiry or value (a value is a new version)")
  public CredentialView update(@PathParam("id") UUID id, @Valid @NotNull UpdateRequest request) {
    return CredentialView.of(credentials.update(user(), id, request));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a credential and all its stored values (the audit log stays)")
  public Response delete(@PathParam("id") UUID id) {
    credentials.delete(user(), id);
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/rotate")
  // The body is optional: read as bytes so a body-less POST (no Content-Type) is no 415.
  @Operation(
      summary = "Rotate: a new value version",
      description =
          "Without a value one is generated (32 random bytes, base64url) for api_key,"
              + " oauth_token, password and other; ssh_key and certificate need one (400). The"
              + " previous version stays readable for switchboard.vault.rotation-grace.")
  public RotateResponse rotate(@PathParam("id") UUID id, byte[] body) {
    String value = rotateValue(body);
    Credential c = credentials.rotate(user(), id, value);
    return new RotateResponse(c.id, c.version, c.rotatedAt);
  }

  @GET
  @Path("/{id}/audit")
  @Operation(summary = "Who resolved this credential, newest first (owner only)")
  public AuditList audit(@PathParam("id") UUID id) {
    return new AuditList(credentials.audit(user(), id));
  }

  private String rotateValue(byte[] body) {
    if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
      return null;
    }
    RotateRequest request;
    try {
      request = json.readValue(body, RotateRequest.class);
    } catch (IOException e) {
      throw ProblemException.of(ProblemCode.MALFORMED_REQUEST, "The body is not valid JSON");
    }
    if (request == null || request.value() == null) {
      return null;
    }
    if (request.value().isEmpty() || request.value().length() > CredentialDtos.MAX_VALUE) {
      throw ProblemException.validation("value", "size must be between 1 and 65536");
    }
    return request.value();
  }
}
