package io.switchboard.auth.account.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.auth.account.User;
import io.switchboard.auth.keycloak.service.KeycloakSync;
import io.switchboard.auth.session.service.SessionService;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.defaults.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Role changes and deletions, each owing the Keycloak realm a sync in the same transaction. */
@ApplicationScoped
public class AccountAdministration {

  private final KeycloakSync sync;
  private final SessionService sessions;

  public AccountAdministration(KeycloakSync sync, SessionService sessions) {
    this.sync = sync;
    this.sessions = sessions;
  }

  public User setRoles(UUID id, Set<String> roles) {
    if (!roles.contains(Roles.USER)) {
      throw ProblemException.validation("roles", "must include user");
    }
    User user =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  User found = live(id);
                  if (User.KEYCLOAK.equals(found.origin)) {
                    throw ProblemException.of(
                        409,
                        "roles_managed_by_realm",
                        "Roles managed by the realm",
                        "This account's roles come from the Keycloak realm; change them there");
                  }
                  found.roles = String.join(",", new TreeSet<>(roles));
                  found.updatedAt = Instant.now();
                  sync.owe(found.id);
                  return found;
                });
    sync.soon();
    return user;
  }

  public void delete(UUID id) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              User found = live(id);
              found.deletedAt = Instant.now();
              found.updatedAt = found.deletedAt;
              sync.owe(found.id);
            });
    sessions.logoutAll(id);
    sync.soon();
  }

  private static User live(UUID id) {
    return User.findLive(id).orElseThrow(() -> ProblemException.notFound("Account"));
  }
}
