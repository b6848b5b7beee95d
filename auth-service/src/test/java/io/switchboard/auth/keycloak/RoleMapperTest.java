package io.switchboard.auth.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.auth.keycloak.service.RoleMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleMapperTest {

  private static KeycloakConfig.Mapping mapping(
      List<String> defaults,
      Map<String, String> realmRoles,
      Map<String, String> clientRoles,
      Map<String, String> groups) {
    return new KeycloakConfig.Mapping() {
      @Override
      public String matchBy() {
        return "username";
      }

      @Override
      public String unknownUsers() {
        return "create";
      }

      @Override
      public List<String> defaultRoles() {
        return defaults;
      }

      @Override
      public Map<String, String> realmRoles() {
        return realmRoles;
      }

      @Override
      public Map<String, String> clientRoles() {
        return clientRoles;
      }

      @Override
      public Map<String, String> groups() {
        return groups;
      }
    };
  }

  private final RoleMapper mapper =
      new RoleMapper(
          mapping(
              List.of("user"),
              Map.of("sb-admin", "admin", "robot", "service"),
              Map.of("portal/boss", "admin"),
              Map.of("eng/leads", "admin", "ops", "admin")));

  @Test
  void shouldGiveTheDefaultRoleAndNothingUnmapped() {
    assertThat(mapper.map(List.of("offline_access", "admin"), Map.of(), List.of("/sales")))
        .containsExactly("user");
  }

  @Test
  void shouldMapRealmRolesClientRolesAndGroupPaths() {
    assertThat(mapper.map(List.of("sb-admin"), Map.of(), List.of()))
        .containsExactly("admin", "user");
    assertThat(mapper.map(List.of(), Map.of("portal", List.of("boss")), List.of()))
        .contains("admin");
    assertThat(mapper.map(List.of(), Map.of("other", List.of("boss")), List.of()))
        .doesNotContain("admin");
    assertThat(mapper.map(List.of(), Map.of(), List.of("/eng/leads"))).contains("admin");
    assertThat(mapper.map(List.of(), Map.of(), List.of("ops"))).contains("admin");
    assertThat(mapper.map(List.of(), Map.of(), List.of("/eng"))).doesNotContain("admin");
  }

  @Test
  void shouldNeverMapToTheServiceRole() {
    assertThat(mapper.map(List.of("robot"), Map.of(), List.of())).doesNotContain("service");
  }

  @Test
  void shouldAdmitOnlyWithTheUserRole() {
    RoleMapper strict =
        new RoleMapper(
            mapping(List.of(), Map.of("staff", "user"), Map.of(), Map.of("ops", "admin")));
    assertThat(RoleMapper.admits(strict.map(List.of("guest"), Map.of(), List.of("/ops"))))
        .isFalse();
    assertThat(RoleMapper.admits(strict.map(List.of("staff"), Map.of(), List.of()))).isTrue();
  }
}
