package io.switchboard.auth.keycloak;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Federation with one Keycloak realm: off unless {@code switchboard.auth.keycloak.enabled}. */
@ConfigMapping(prefix = "switchboard.auth.keycloak")
public interface KeycloakConfig {

  @WithDefault("false")
  boolean enabled();

  /** The server's base URL, e.g. {@code https://sso.example.com} (no {@code /realms/...}). */
  @WithDefault("http://localhost:8180")
  String serverUrl();

  /** The realm whose users and tokens are federated. */
  @WithDefault("switchboard")
  String realm();

  /** {@code iss} of the realm's tokens; defaults to {@code <server-url>/realms/<realm>}. */
  Optional<String> issuer();

  Admin admin();

  Sync sync();

  Login login();

  Mapping mapping();

  /** The admin REST API credentials (a client with realm-management roles, or an admin user). */
  interface Admin {
    /** Realm the credentials belong to; defaults to the federated realm. */
    Optional<String> realm();

    @WithDefault("switchboard-admin")
    String clientId();

    /** {@code client_credentials} (with {@code client-secret}) or {@code password}. */
    @WithDefault("client_credentials")
    String grantType();

    Optional<String> clientSecret();

    Optional<String> username();

    Optional<String> password();
  }

  interface Sync {
    /** Whether accounts registered here are created and kept in step in the realm. */
    @WithDefault("true")
    boolean enabled();

    /** How often owed syncs are retried and drift is looked for ({@code off} to stop). */
    @WithDefault("60s")
    String interval();

    /** Longest wait between two attempts for one account (doubling from 5 s). */
    @WithDefault("PT15M")
    Duration maxBackoff();

    /** Required action set on users created in the realm (no password hash leaves here). */
    @WithDefault("UPDATE_PASSWORD")
    String requiredAction();
  }

  interface Login {
    /** The realm client that browsers sign in with (public, PKCE S256). */
    @WithDefault("switchboard")
    String clientId();

    /** Its secret, when it is a confidential client. */
    Optional<String> clientSecret();

    /** Where Keycloak sends the browser back: the callback as reached through the gateway. */
    @WithDefault("http://localhost:3005/api/auth/oidc/callback")
    String redirectUri();

    @WithDefault("openid profile email")
    String scope();

    /** How long a started sign-in may take before its state is refused. */
    @WithDefault("PT10M")
    Duration stateLifetime();

    /** Clients ({@code azp}) whose realm tokens are accepted; defaults to {@code client-id}. */
    Optional<List<String>> acceptedClients();
  }

  interface Mapping {
    /** How a realm user finds their account: {@code subject}, {@code username} or {@code email}. */
    @WithDefault("username")
    String matchBy();

    /** A realm user without an account: {@code create} it, or {@code refuse} (403). */
    @WithDefault("create")
    String unknownUsers();

    /** Roles every mapped realm user gets (empty: only what the maps below give). */
    @WithDefault("user")
    List<String> defaultRoles();

    /** Realm role → Switchboard role. */
    Map<String, String> realmRoles();

    /** {@code <client-id>/<role>} (a client role) → Switchboard role. */
    Map<String, String> clientRoles();

    /** Group path without the leading slash (e.g. {@code ops} or {@code eng/leads}) → role. */
    Map<String, String> groups();
  }

  /** The issuer the realm's tokens carry. */
  default String expectedIssuer() {
    return issuer().orElse(trimSlash(serverUrl()) + "/realms/" + realm());
  }

  /** The realm's OpenID Connect endpoints: {@code <base>/protocol/openid-connect/<name>}. */
  default String endpoint(String name) {
    return trimSlash(serverUrl()) + "/realms/" + realm() + "/protocol/openid-connect/" + name;
  }

  static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
