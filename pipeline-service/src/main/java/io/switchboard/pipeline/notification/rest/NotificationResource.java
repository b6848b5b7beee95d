package io.switchboard.pipeline.notification.rest;

import io.switchboard.defaults.page.PageRequest;
import io.switchboard.defaults.security.Roles;
import io.switchboard.pipeline.notification.rest.NotificationDtos.NotificationList;
import io.switchboard.pipeline.notification.rest.NotificationDtos.NotificationView;
import io.switchboard.pipeline.notification.rest.NotificationDtos.ReadAll;
import io.switchboard.pipeline.notification.service.NotificationService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's notifications. */
@Path("/api/notifications")
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
public class NotificationResource {

  private final NotificationService notifications;
  private final JsonWebToken jwt;

  public NotificationResource(NotificationService notifications, JsonWebToken jwt) {
    this.notifications = notifications;
    this.jwt = jwt;
  }

  private UUID user() {
    return UUID.fromString(jwt.getSubject());
  }

  @GET
  @Operation(summary = "The caller's notifications, newest first; unread=true for unread only")
  public NotificationList list(
      @BeanParam @Valid PageRequest page,
      @QueryParam("unread") @Pattern(regexp = "true|false", message = "must be true or false") String unread) {
    return notifications.list(user(), page, "true".equals(unread));
  }

  @POST
  @Path("/{id}/read")
  @Operation(summary = "Mark one notification read (404 for another user's)")
  public NotificationView read(@PathParam("id") UUID id) {
    return notifications.markRead(user(), id);
  }

  @POST
  @Path("/read-all")
  @Operation(summary = "Mark all the caller's notifications read")
  public ReadAll readAll() {
    return new ReadAll(notifications.markAllRead(user()));
  }
}
