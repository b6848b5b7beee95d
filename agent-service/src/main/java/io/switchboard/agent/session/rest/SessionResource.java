package io.switchboard.agent.session.rest;

import io.switchboard.agent.session.rest.SessionDtos.MessageList;
import io.switchboard.agent.session.rest.SessionDtos.SessionList;
import io.switchboard.agent.session.rest.SessionDtos.SessionView;
import io.switchboard.agent.session.service.SessionService;
import io.switchboard.defaults.page.PageRequest;
import io.switchboard.defaults.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's sessions and their messages. */
@Path("/api/sessions")
@Tag(name = "Sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
public class SessionResource {

  static final String UUID_PATTERN =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

  private final SessionService sessions;
  private final JsonWebToken jwt;

  public SessionResource(SessionService sessions, JsonWebToken jwt) {
    this.sessions = sessions;
    this.jwt = jwt;
  }

  private UUID user() {
    return UUID.fromString(jwt.getSubject());
  }

  @GET
  @Operation(summary = "List the caller's sessions, most recently active first")
  public SessionList list(@BeanParam @Valid PageRequest page) {
    return sessions.list(user(), page);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A session")
  public SessionView get(@PathParam("id") UUID id) {
    return SessionView.of(sessions.get(user(), id));
  }

  @GET
  @Path("/{id}/messages")
  @Operation(
      summary = "A page of a session's messages, oldest first",
      description =
          "The newest `limit` messages (default 50, 1..200) before the message `before` (a message"
              + " id; absent: the newest). hasMore: older messages exist; page back with"
              + " before=<id of the first message>.")
  public MessageList messages(
      @PathParam("id") UUID id,
      @QueryParam("limit")
          @Pattern(
              regexp = "0*([1-9]|[1-9][0-9]|1[0-9][0-9]|200)",
              message = "must be between 1 and 200")
          String limit,
      @QueryParam("before") @Pattern(regexp = UUID_PATTERN, message = "must be a message id") String before) {
    int size =
        limit == null || limit.isEmpty() ? PageRequest.DEFAULT_LIMIT : Integer.parseInt(limit);
    UUID cursor = before == null || before.isEmpty() ? null : UUID.fromString(before);
    return sessions.messages(user(), id, size, cursor);
  }
}
