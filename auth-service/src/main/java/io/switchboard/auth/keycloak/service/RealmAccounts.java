package io.switchboard.auth.keycloak.service;

import io.switchboard.auth.account.User;
import io.switchboard.auth.keycloak.KeycloakConfig;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds the Switchboard account of a realm user ({@code mapping.match-by}: the linked realm id, the
 * username, or a verified e-mail address), links it, and creates one on first sight unless {@code
 * mapping.unknown-users=refuse}. An account registered here keeps its own roles; one created from
 * the realm takes the mapped roles at every sign-in (the realm is its authority).
 */
@ApplicationScoped
public class RealmAccounts {

  /** Marks a password hash that matches no password: realm accounts sign in through the realm. */
  static final String NO_PASSWORD = "!keycloak";

  private final KeycloakConfig config;

  public RealmAccounts(KeycloakConfig config) {
    this.config = config;
  }

  /** The account to sign in, linked to the realm user; 403 when refused. */
  @Transactional
  public User accountOf(RealmIdentity identity) {
    if (!RoleMapper.admits(identity.roles())) {
      throw ProblemException.of(
          403,
          "no_switchboard_role",
          "No Switchboard role",
          "The realm user has no role that maps to a Switchboard role");
    }
    Optional<User> found = User.find("keycloakId", identity.subject()).firstResultOptional();
    if (found.isEmpty()) {
      found = match(identity);
    }
    User user = found.orElseGet(() -> create(identity));
    if (user.deletedAt != null) {
      throw refused("The account of this realm user was deleted");
    }
    if (user.keycloakId == null) {
      user.keycloakId = identity.subject();
    } else if (!user.keycloakId.equals(identity.subject())) {
      throw ProblemException.of(
          409,
          "account_linked_elsewhere",
          "Account linked elsewhere",
          "The matching account is linked to another realm user");
    }
    if (User.KEYCLOAK.equals(user.origin)) {
      String roles = String.join(",", identity.roles());
      if (!roles.equals(user.roles)) {
        user.roles = roles;
        user.updatedAt = Instant.now();
      }
    }
    return user;
  }

  private Optional<User> match(RealmIdentity identity) {
    return switch (config.mapping().matchBy()) {
      case "subject" -> Optional.empty();
      case "email" ->
          identity.email() != null && identity.emailVerified()
              ? User.find(
                      "deletedAt is null and lower(email) = ?1",
                      identity.email().toLowerCase(Locale.ROOT))
                  .firstResultOptional()
              : Optional.empty();
      default ->
          User.find("username", identity.username().toLowerCase(Locale.ROOT)).firstResultOptional();
    };
  }

  private User create(RealmIdentity identity) {
    if (!"create".equals(config.mapping().unknownUsers())) {
      throw refused("No Switchboard account belongs to this realm user");
    }
    String username = usernameOf(identity.username());
    String email =
        identity.email() != null && !identity.email().isBlank()
            ? identity.email().trim()
            : username + "@keycloak.invalid";
    if (User.count("username", username) > 0
        || User.count("lower(email)", email.toLowerCase(Locale.ROOT)) > 0) {
      throw ProblemException.of(
          409,
          "account_conflict",
          "Account conflict",
          "An account with this username or e-mail address exists and is not this realm user's");
    }
    User user = new User();
    user.id = UUID.randomUUID();
    user.username = username;
    user.email = email;
    user.displayName = identity.displayName();
    user.passwordHash = NO_PASSWORD;
    user.roles = String.join(",", identity.roles());
    user.origin = User.KEYCLOAK;
    user.keycloakId = identity.subject();
    user.createdAt = Instant.now();
    user.updatedAt = user.createdAt;
    user.persist();
    return user;
  }

  /** A realm username made a valid Switchboard one: {@code [a-z0-9_.-]}, 3 to 32 characters. */
  static String usernameOf(String realmUsername) {
    String name = realmUsername.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
    if (name.length() > 32) {
      name = name.substring(0, 32);
    }
    return name.length() < 3 ? (name + "___").substring(0, 3) : name;
  }

  private static ProblemException refused(String detail) {
    return ProblemException.of(403, "account_not_provisioned", "No account", detail);
  }
}
