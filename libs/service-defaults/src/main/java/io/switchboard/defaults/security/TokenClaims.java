package io.switchboard.defaults.security;

import jakarta.json.JsonString;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads the platform's own claims from a verified token. */
public final class TokenClaims {

  /** The session id every user token carries. */
  public static final String SESSION_ID = "sid";

  /** {@code access} for users, {@code service} for service-to-service calls. */
  public static final String TYPE = "typ";

  public static final String ACCESS = "access";
  public static final String SERVICE = "service";

  /** Longest {@code Authorization} value accepted; anything longer is refused unread. */
  public static final int MAX_TOKEN_CHARS = 8192;

  private TokenClaims() {}

  /** A string claim, or {@code null} when absent, whatever JSON type the parser gave it. */
  public static String string(JsonWebToken token, String name) {
    Object value = token.getClaim(name);
    if (value == null) {
      return null;
    }
    return value instanceof JsonString json ? json.getString() : value.toString();
  }

  /**
   * Whether the token's type and roles agree: a user token ({@code access}) never carries the
   * {@code service} role, and a service token carries that role and no other. A token that
   * disagrees was not issued by auth-service and is refused like a badly signed one.
   */
  public static boolean typeMatchesRoles(JsonWebToken token) {
    String type = string(token, TYPE);
    Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
    if (ACCESS.equals(type)) {
      return !groups.contains(Roles.SERVICE);
    }
    return SERVICE.equals(type) && groups.equals(Set.of(Roles.SERVICE));
  }

  public static String sessionId(JsonWebToken token) {
    return string(token, SESSION_ID);
  }
}
