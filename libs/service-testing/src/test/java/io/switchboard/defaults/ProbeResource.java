package io.switchboard.defaults;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.security.Authenticated;
import io.switchboard.defaults.page.PageMeta;
import io.switchboard.defaults.page.PageRequest;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.defaults.request.RequestIds;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Endpoints that exercise every path through the shared error, paging and security wiring. */
@Path("/probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

  public record Item(
      @NotBlank @Size(max = 10) String name,
      @NotNull @Email String email,
      @Min(1) @Max(5) int rank,
      List<@NotBlank String> tags) {}

  public record Items(List<String> items, @JsonUnwrapped PageMeta page) {}

  /** The callee side of {@link #relay}. */
  @Path("/probe")
  public interface Self {
    @GET
    @Path("/request-id")
    String requestId();
  }

  private final JsonWebToken jwt;

  public ProbeResource(JsonWebToken jwt) {
    this.jwt = jwt;
  }

  @POST
  @Path("/items")
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  public Item create(@Valid @NotNull Item item) {
    return item;
  }

  @GET
  @Path("/items")
  @PermitAll
  public Items list(@BeanParam @Valid PageRequest page) {
    return new Items(List.of("a"), page.meta(120));
  }

  @GET
  @Path("/database-down")
  @PermitAll
  public String databaseDown() {
    throw new IllegalStateException(
        "query failed",
        new java.sql.SQLException(
            "Connection to db.internal:5432 refused. password=hunter2", "08001"));
  }

  @GET
  @Path("/nul-text")
  @PermitAll
  public String nulText() {
    throw new RuntimeException(
        new java.sql.SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
  }

  @GET
  @Path("/pool-exhausted")
  @PermitAll
  public String poolExhausted() {
    throw new RuntimeException(
        new java.sql.SQLException("Acquisition timeout while waiting for new connection"));
  }

  @GET
  @Path("/boom")
  @PermitAll
  public String boom() {
    throw new IllegalStateException("connection string postgres://secret@db");
  }

  @GET
  @Path("/conflict")
  @PermitAll
  public String conflict() {
    throw ProblemException.of(409, "name_taken", "Name taken", "The name alpha is taken");
  }

  @GET
  @Path("/request-id")
  @PermitAll
  @Produces(MediaType.TEXT_PLAIN)
  public String requestId(@HeaderParam(RequestIds.HEADER) String header) {
    return header;
  }

  @GET
  @Path("/relay")
  @PermitAll
  @Produces(MediaType.TEXT_PLAIN)
  public String relay(UriInfo uri) {
    return QuarkusRestClientBuilder.newBuilder()
        .baseUri(uri.getBaseUri())
        .build(Self.class)
        .requestId();
  }

  @GET
  @Path("/me")
  @Authenticated
  @Produces(MediaType.TEXT_PLAIN)
  public String me() {
    return jwt.getSubject();
  }

  @GET
  @Path("/admin")
  @RolesAllowed("admin")
  @Produces(MediaType.TEXT_PLAIN)
  public String admin() {
    return "admin:" + jwt.getSubject();
  }

  @GET
  @Path("/internal")
  @RolesAllowed("service")
  @Produces(MediaType.TEXT_PLAIN)
  public String internal() {
    return "service:" + jwt.getSubject();
  }

  @GET
  @Path("/unannotated")
  public String unannotated() {
    return "should never be served";
  }
}
