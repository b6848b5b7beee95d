package io.switchboard.auth.keycloak.service;

import io.switchboard.auth.keycloak.KeycloakConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.RoleScopeResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The realm's admin REST API (Keycloak admin client over Quarkus REST). Every call may throw when
 * the server cannot be reached; callers decide what that means (sync: retry later; sign-in: 503).
 */
@ApplicationScoped
public class RealmAdmin {

  /** A realm user as the sync wants it: its id, and the roles Switchboard manages there. */
  public record Wanted(
      String keycloakId, String username, String email, String displayName, Set<String> roles) {}

  /** The realm refused to create the user (e.g. its e-mail address belongs to another user). */
  public static final class ConflictException extends RuntimeException {
    ConflictException(String message) {
      super(message, null, false, false);
    }
  }

  private final KeycloakConfig config;
  private volatile Keycloak client;

  public RealmAdmin(KeycloakConfig config) {
    this.config = config;
  }

  /** Whether credentials for the admin API are configured. */
  public boolean configured() {
    KeycloakConfig.Admin admin = config.admin();
    return config.enabled()
        && ("password".equals(admin.grantType())
            ? admin.username().isPresent() && admin.password().isPresent()
            : admin.clientSecret().isPresent());
  }

  /** Whether the realm user exists and is enabled. */
  public boolean isEnabled(String keycloakId) {
    try {
      return Boolean.TRUE.equals(realm().users().get(keycloakId).toRepresentation().isEnabled());
    } catch (WebApplicationException e) {
      if (notFound(e)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Creates the realm user (enabled, e-mail not verified, the required action instead of a
   * password), or finds it by id or username, updates its e-mail and name, and gives it exactly the
   * managed realm roles of {@code wanted}. Returns the realm user's id.
   */
  public String upsert(Wanted wanted, Map<String, String> realmRoleNames) {
    RealmResource realm = realm();
    Optional<UserRepresentation> existing = find(realm, wanted);
    String id;
    if (existing.isEmpty()) {
      UserRepresentation user = new UserRepresentation();
      user.setUsername(wanted.username());
      user.setEmail(wanted.email());
      user.setFirstName(wanted.displayName());
      user.setEnabled(true);
      user.setEmailVerified(false);
      user.setRequiredActions(List.of(config.sync().requiredAction()));
      try (Response response = realm.users().create(user)) {
        if (response.getStatus() == 409) {
          throw new ConflictException("The realm has another user with this username or e-mail");
        }
        id = CreatedResponseUtil.getCreatedId(response);
      }
    } else {
      UserRepresentation user = existing.get();
      id = user.getId();
      if (!wanted.email().equalsIgnoreCase(String.valueOf(user.getEmail()))) {
        user.setEmail(wanted.email());
        realm.users().get(id).update(user);
      }
    }
    syncRoles(realm, id, wanted.roles(), realmRoleNames);
    return id;
  }

  /** Deletes the realm user; one that is already gone is fine. */
  public void delete(String keycloakId) {
    try (Response response = realm().users().delete(keycloakId)) {
      int status = response.getStatus();
      if (status != 204 && status != 404) {
        throw new IllegalStateException("The realm answered " + status + " to a delete");
      }
    }
  }

  private Optional<UserRepresentation> find(RealmResource realm, Wanted wanted) {
    if (wanted.keycloakId() != null) {
      try {
        return Optional.of(realm.users().get(wanted.keycloakId()).toRepresentation());
      } catch (WebApplicationException e) {
        if (!notFound(e)) {
          throw e;
        }
        // Deleted in the realm: found again by username, or created anew.
      }
    }
    return realm.users().searchByUsername(wanted.username(), true).stream().findFirst();
  }

  private void syncRoles(
      RealmResource realm, String id, Set<String> roles, Map<String, String> realmRoleNames) {
    RoleScopeResource mapped = realm.users().get(id).roles().realmLevel();
    Set<String> held =
        Set.copyOf(mapped.listAll().stream().map(RoleRepresentation::getName).toList());
    List<RoleRepresentation> add =
        realmRoleNames.entrySet().stream()
            .filter(e -> roles.contains(e.getKey()) && !held.contains(e.getValue()))
            .map(e -> role(realm, e.getValue()))
            .toList();
    List<RoleRepresentation> remove =
        realmRoleNames.entrySet().stream()
            .filter(e -> !roles.contains(e.getKey()) && held.contains(e.getValue()))
            .map(e -> role(realm, e.getValue()))
            .toList();
    if (!add.isEmpty()) {
      mapped.add(add);
    }
    if (!remove.isEmpty()) {
      mapped.remove(remove);
    }
  }

  private static RoleRepresentation role(RealmResource realm, String name) {
    try {
      return realm.roles().get(name).toRepresentation();
    } catch (WebApplicationException e) {
      if (!notFound(e)) {
        throw e;
      }
      realm.roles().create(new RoleRepresentation(name, "Switchboard role", false));
      return realm.roles().get(name).toRepresentation();
    }
  }

  private static boolean notFound(WebApplicationException e) {
    return e.getResponse() != null && e.getResponse().getStatus() == 404;
  }

  private RealmResource realm() {
    return client().realm(config.realm());
  }

  private Keycloak client() {
    Keycloak current = client;
    if (current == null) {
      synchronized (this) {
        if (client == null) {
          KeycloakConfig.Admin admin = config.admin();
          KeycloakBuilder builder =
              KeycloakBuilder.builder()
                  .serverUrl(config.serverUrl())
                  .realm(admin.realm().orElse(config.realm()))
                  .clientId(admin.clientId())
                  .grantType(admin.grantType());
          admin.clientSecret().ifPresent(builder::clientSecret);
          admin.username().ifPresent(builder::username);
          admin.password().ifPresent(builder::password);
          client = builder.build();
        }
        current = client;
      }
    }
    return current;
  }

  @PreDestroy
  void close() {
    if (client != null) {
      client.close();
    }
  }
}
