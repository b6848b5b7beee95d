package io.switchboard.auth.keycloak.service;

import io.switchboard.auth.keycloak.KeycloakConfig;
import io.switchboard.defaults.security.Roles;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps a realm user's realm roles, client roles and groups to Switchboard roles, by configuration
 * only: nothing maps implicitly, and nothing ever maps to {@code service} (service tokens come from
 * auth-service alone).
 */
public final class RoleMapper {

  private static final Set<String> GRANTABLE = Set.of(Roles.USER, Roles.ADMIN);

  private final KeycloakConfig.Mapping mapping;

  public RoleMapper(KeycloakConfig.Mapping mapping) {
    this.mapping = mapping;
  }

  /**
   * The Switchboard roles of a realm user.
   *
   * @param realmRoles {@code realm_access.roles}
   * @param clientRoles {@code resource_access.<client>.roles} per client
   * @param groups {@code groups} (paths, with or without the leading slash)
   */
  public Set<String> map(
      Collection<String> realmRoles,
      Map<String, ? extends Collection<String>> clientRoles,
      Collection<String> groups) {
    Set<String> roles = new TreeSet<>();
    mapping.defaultRoles().forEach(role -> grant(roles, role));
    realmRoles.forEach(role -> grant(roles, mapping.realmRoles().get(role)));
    clientRoles.forEach(
        (client, names) ->
            names.forEach(name -> grant(roles, mapping.clientRoles().get(client + "/" + name))));
    for (String group : groups) {
      String path = group.startsWith("/") ? group.substring(1) : group;
      grant(roles, mapping.groups().get(path));
    }
    return roles;
  }

  /** Whether the roles let the user in at all: a Switchboard token always carries {@code user}. */
  public static boolean admits(Set<String> roles) {
    return roles.contains(Roles.USER);
  }

  private static void grant(Set<String> roles, String role) {
    if (role != null && GRANTABLE.contains(role.trim())) {
      roles.add(role.trim());
    }
  }
}
