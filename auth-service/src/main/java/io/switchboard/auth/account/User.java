package io.switchboard.auth.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** An account. Never leaves the service as is: see {@code UserView}. */
@Entity
@Table(name = "app_user")
public class User extends PanacheEntityBase {

  @Id public UUID id;

  @Column(nullable = false)
  public String username;

  @Column(nullable = false)
  public String email;

  @Column(name = "display_name")
  public String displayName;

  @Column(name = "password_hash", nullable = false)
  public String passwordHash;

  /** Comma-separated role names. */
  @Column(nullable = false)
  public String roles;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "deleted_at")
  public Instant deletedAt;

  /** The Keycloak user this account is linked to, once known. */
  @Column(name = "keycloak_id")
  public String keycloakId;

  /** {@link #LOCAL} (registered here) or {@link #KEYCLOAK} (created on a realm sign-in). */
  @Column(nullable = false)
  public String origin = LOCAL;

  public static final String LOCAL = "local";
  public static final String KEYCLOAK = "keycloak";

  public Set<String> roleSet() {
    return new TreeSet<>(Arrays.asList(roles.split(",")));
  }

  /** A live account by username or e-mail address, case-insensitively. */
  public static Optional<User> findByLogin(String login) {
    String key = login.trim().toLowerCase(Locale.ROOT);
    return find("deletedAt is null and (username = ?1 or lower(email) = ?1)", key)
        .firstResultOptional();
  }

  public static Optional<User> findLive(UUID id) {
    return find("id = ?1 and deletedAt is null", id).firstResultOptional();
  }
}
