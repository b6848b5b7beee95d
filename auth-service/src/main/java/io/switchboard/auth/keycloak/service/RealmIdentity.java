package io.switchboard.auth.keycloak.service;

import java.time.Instant;
import java.util.Set;

/**
 * A verified realm access token, reduced to what the mapping needs.
 *
 * @param subject the realm user's id ({@code sub})
 * @param username {@code preferred_username}
 * @param email {@code email}, or {@code null}
 * @param emailVerified {@code email_verified}
 * @param displayName {@code name}, or {@code null}
 * @param roles the Switchboard roles the realm roles, client roles and groups map to
 * @param expiresAt the token's {@code exp}
 */
public record RealmIdentity(
    String subject,
    String username,
    String email,
    boolean emailVerified,
    String displayName,
    Set<String> roles,
    Instant expiresAt) {}
