package io.switchboard.auth.account.service;

import io.switchboard.auth.account.User;
import io.switchboard.auth.account.rest.AuthDtos.RegisterRequest;
import io.switchboard.auth.account.rest.AuthDtos.UserView;
import io.switchboard.auth.config.AuthConfig;
import io.switchboard.auth.keycloak.service.KeycloakSync;
import io.switchboard.auth.link.LinkedChannel;
import io.switchboard.auth.passkey.Passkey;
import io.switchboard.auth.password.PasswordHasher;
import io.switchboard.auth.password.PasswordPolicy;
import io.switchboard.auth.totp.TotpSecret;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.defaults.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Creates and reads accounts. */
@ApplicationScoped
public class AccountService {

  /** Serialises registrations, so "the first account is admin" holds under concurrency. */
  private static final long REGISTRATION_LOCK = 0x5377_6974_6368L;

  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final AuthConfig config;
  private final EntityManager entityManager;
  private final KeycloakSync sync;

  public AccountService(
      PasswordHasher hasher,
      PasswordPolicy policy,
      AuthConfig config,
      EntityManager entityManager,
      KeycloakSync sync) {
    this.hasher = hasher;
    this.policy = policy;
    this.config = config;
    this.entityManager = entityManager;
    this.sync = sync;
  }

  /** Checks the password, hashes it (outside any transaction), then stores the account. */
  public User register(RegisterRequest request) {
    policy.check(request.password(), request.username(), request.email());
    String hash = hasher.hash(request.password());
    User user = store(request, hash);
    sync.soon();
    return user;
  }

  @Transactional
  User store(RegisterRequest request, String passwordHash) {
    entityManager
        .createNativeQuery("SELECT pg_advisory_xact_lock(?1)")
        .setParameter(1, REGISTRATION_LOCK)
        .getSingleResult();
    String username = request.username();
    String email = request.email().trim();
    if (User.count("username", username) > 0) {
      throw ProblemException.of(409, "username_taken", "Username taken", "This username is taken");
    }
    if (User.count("lower(email)", email.toLowerCase(Locale.ROOT)) > 0) {
      throw ProblemException.of(
          409, "email_taken", "E-mail taken", "An account with this e-mail address exists");
    }
    boolean admin =
        User.count("deletedAt is null") == 0
            || config.adminUsernames().orElse(List.of()).contains(username);
    User user = new User();
    user.id = UUID.randomUUID();
    user.username = username;
    user.email = email;
    user.displayName = blankToNull(request.displayName());
    user.passwordHash = passwordHash;
    user.roles = admin ? Roles.USER + "," + Roles.ADMIN : Roles.USER;
    user.createdAt = Instant.now();
    user.updatedAt = user.createdAt;
    user.persist();
    // The realm gets the account later (never its password hash), even when it is down now.
    sync.owe(user.id);
    return user;
  }

  public static UserView view(User user) {
    return new UserView(
        user.id,
        user.username,
        user.email,
        user.displayName,
        user.roleSet(),
        TotpSecret.isEnabled(user.id),
        Passkey.viewsOf(user.id),
        LinkedChannel.viewsOf(user.id),
        user.createdAt);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
