package io.switchboard.auth.link.rest;

import io.switchboard.auth.link.rest.LinkDtos.LinkRequest;
import io.switchboard.auth.link.rest.LinkDtos.LinkResponse;
import io.switchboard.auth.link.service.ChannelLinkService;
import io.switchboard.defaults.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A signed-in user binds a chat-channel identity to the account with a link code. */
@Path("/api/auth/link")
@Tag(name = "Auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LinkResource {

  private final ChannelLinkService links;
  private final JsonWebToken jwt;

  public LinkResource(ChannelLinkService links, JsonWebToken jwt) {
    this.links = links;
    this.jwt = jwt;
  }

  /** User tokens only: a service token has no account to link to. */
  @POST
  @RolesAllowed(Roles.USER)
  @Operation(
      summary = "Link a chat-channel identity to this account with a link code",
      description =
          "The code is case-insensitive and single use. 404 invalid_link_code for an unknown,"
              + " expired or used code; 409 channel_already_linked when the identity belongs to"
              + " another account (the code is used up); linking an identity this account already"
              + " has answers 200 again; 429 after 10 wrong codes in 15 minutes.")
  public LinkResponse link(@Valid @NotNull LinkRequest request) {
    return new LinkResponse(links.link(UUID.fromString(jwt.getSubject()), request.code()));
  }
}
