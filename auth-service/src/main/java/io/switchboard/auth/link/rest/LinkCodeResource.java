package io.switchboard.auth.link.rest;

import io.switchboard.auth.link.LinkCode;
import io.switchboard.auth.link.rest.LinkDtos.LinkCodeRequest;
import io.switchboard.auth.link.rest.LinkDtos.LinkCodeResponse;
import io.switchboard.auth.link.service.LinkCodeService;
import io.switchboard.defaults.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Service to service: a chat-channel integration (Telegram, Slack, ...) asks for a link code for
 * one of its users, who then types it into {@code POST /api/auth/link}.
 */
@Path("/internal/link-codes")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LinkCodeResource {

  private final LinkCodeService codes;

  public LinkCodeResource(LinkCodeService codes) {
    this.codes = codes;
  }

  @POST
  @RolesAllowed(Roles.SERVICE)
  @Operation(
      summary = "Issue a single-use link code for a channel identity (service tokens only)",
      description =
          "6 characters without 0/O/1/I, valid 5 minutes (configurable), redeemed once through"
              + " POST /api/auth/link. No Location: a code cannot be read back.")
  @APIResponse(
      responseCode = "201",
      description = "The code",
      content = @Content(schema = @Schema(implementation = LinkCodeResponse.class)))
  public Response issue(@Valid @NotNull LinkCodeRequest request) {
    LinkCode code =
        codes.issue(request.channelType(), request.channelUserId(), request.channelUserName());
    return Response.status(Response.Status.CREATED)
        .entity(new LinkCodeResponse(code.code, code.expiresAt))
        .build();
  }
}
