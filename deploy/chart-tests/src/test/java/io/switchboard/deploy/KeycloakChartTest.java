package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.InstallCommand;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code keycloak:} block: one place, wired into auth-service and the gateway, off by default.
 */
class KeycloakChartTest {

  /** Federation on, with an admin credential and a confidential login client in Secrets. */
  static final Map<String, Object> ENABLED =
      Map.of(
          "keycloak.enabled", true,
          "keycloak.serverUrl", "https://sso.example.com/",
          "keycloak.realm", "acme",
          "keycloak.admin.existingSecret", "sb-keycloak-admin",
          "keycloak.admin.secretKey", "admin-secret",
          "keycloak.login.existingSecret", "sb-keycloak-login",
          "keycloak.mapping.groups.ops", "admin");

  static final String AUTH = Chart.name("auth-service");
  static final String GATEWAY = Chart.name("gateway");

  @Test
  void shouldRenderNoKeycloakSettingsByDefault() {
    Manifests manifests = Chart.render(Map.of());
    for (JsonNode document : manifests.all()) {
      if (!document.path("kind").asText().equals("Secret")) {
        assertThat(document.toString().toLowerCase())
            .as(document.path("kind").asText() + " " + document.path("metadata").path("name"))
            .doesNotContain("keycloak");
      }
    }
    assertThat(manifests.config(AUTH, "QUARKUS_CONFIG_LOCATIONS")).isNull();
  }

  @Test
  void shouldWireAuthServiceFromTheKeycloakBlock() {
    Manifests manifests = Chart.render(ENABLED);
    assertThat(manifests.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_ENABLED")).isEqualTo("true");
    assertThat(manifests.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_SERVER_URL"))
        .isEqualTo("https://sso.example.com");
    assertThat(manifests.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_REALM")).isEqualTo("acme");
    assertThat(manifests.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_ISSUER"))
        .isEqualTo("https://sso.example.com/realms/acme");
    assertThat(manifests.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_ADMIN_CLIENT_ID"))
        .isEqualTo("switchboard-admin");
    assertThat(manifests.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_ADMIN_GRANT_TYPE"))
        .isEqualTo("client_credentials");
    assertThat(manifests.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_SYNC_INTERVAL")).isEqualTo("60s");
    assertThat(manifests.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_LOGIN_CLIENT_ID"))
        .isEqualTo("switchboard");
    // The callback as the browser reaches it: through the Ingress (no TLS in the defaults).
    assertThat(manifests.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_LOGIN_REDIRECT_URI"))
        .isEqualTo("http://switchboard.example.com/api/auth/oidc/callback");
    assertThat(manifests.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_MAPPING_MATCH_BY"))
        .isEqualTo("username");
    assertThat(manifests.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_MAPPING_DEFAULT_ROLES"))
        .isEqualTo("user");
    assertThat(manifests.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_LOGIN_ACCEPTED_CLIENTS"))
        .as("unset: auth-service defaults to the login client")
        .isNull();

    Map<String, Object> tuned = new HashMap<>(ENABLED);
    tuned.put("ingress.tls.enabled", true);
    tuned.put("ingress.tls.secretName", "switchboard-tls");
    tuned.put("keycloak.login.acceptedClients[0]", "switchboard");
    tuned.put("keycloak.login.acceptedClients[1]", "cli");
    tuned.put("keycloak.mapping.matchBy", "email");
    tuned.put("keycloak.sync.interval", "off");
    Manifests custom = Chart.render(tuned);
    assertThat(custom.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_LOGIN_REDIRECT_URI"))
        .isEqualTo("https://switchboard.example.com/api/auth/oidc/callback");
    assertThat(custom.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_LOGIN_ACCEPTED_CLIENTS"))
        .isEqualTo("switchboard,cli");
    assertThat(custom.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_MAPPING_MATCH_BY"))
        .isEqualTo("email");
    assertThat(custom.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_SYNC_INTERVAL")).isEqualTo("off");
  }

  @Test
  void shouldTakeTheAdminAndLoginSecretsFromTheNamedSecrets() {
    Manifests manifests = Chart.render(ENABLED);
    JsonNode admin = env(manifests, AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_ADMIN_CLIENT_SECRET");
    assertThat(admin.has("value")).as("never a plain value").isFalse();
    assertThat(admin.path("valueFrom").path("secretKeyRef").path("name").asText())
        .isEqualTo("sb-keycloak-admin");
    assertThat(admin.path("valueFrom").path("secretKeyRef").path("key").asText())
        .isEqualTo("admin-secret");
    JsonNode login = env(manifests, AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_LOGIN_CLIENT_SECRET");
    assertThat(login.path("valueFrom").path("secretKeyRef").path("name").asText())
        .isEqualTo("sb-keycloak-login");
    assertThat(login.path("valueFrom").path("secretKeyRef").path("key").asText())
        .isEqualTo("client-secret");
    // The chart never makes those Secrets: they exist beforehand.
    assertThat(manifests.find("Secret", "sb-keycloak-admin")).isEmpty();
    assertThat(manifests.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_ADMIN_CLIENT_SECRET")).isNull();

    // An admin user instead of a client: the password comes from the Secret.
    Map<String, Object> password = new HashMap<>(ENABLED);
    password.put("keycloak.admin.grantType", "password");
    password.put("keycloak.admin.username", "sync-bot");
    password.put("keycloak.admin.realm", "master");
    password.put("keycloak.admin.clientId", "admin-cli");
    Manifests user = Chart.render(password);
    assertThat(
            env(user, AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_ADMIN_PASSWORD")
                .path("valueFrom")
                .path("secretKeyRef")
                .path("name")
                .asText())
        .isEqualTo("sb-keycloak-admin");
    assertThat(findEnv(user, AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_ADMIN_CLIENT_SECRET")).isNull();
    assertThat(user.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_ADMIN_USERNAME")).isEqualTo("sync-bot");
    assertThat(user.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_ADMIN_REALM")).isEqualTo("master");

    // No Secret named: no credential at all (auth-service then neither syncs nor checks users).
    Map<String, Object> none = new HashMap<>(ENABLED);
    none.put("keycloak.admin.existingSecret", "");
    none.put("keycloak.login.existingSecret", "");
    Manifests without = Chart.render(none);
    assertThat(findEnv(without, AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_ADMIN_CLIENT_SECRET")).isNull();
    assertThat(findEnv(without, AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_LOGIN_CLIENT_SECRET")).isNull();
  }

  @Test
  void shouldGiveTheGatewayOnlyTheRealmIssuer() {
    Manifests manifests = Chart.render(ENABLED);
    assertThat(manifests.config(GATEWAY, "SWITCHBOARD_GATEWAY_KEYCLOAK_ISSUER"))
        .isEqualTo("https://sso.example.com/realms/acme");
    assertThat(manifests.get("ConfigMap", GATEWAY).toString())
        .doesNotContain("SWITCHBOARD_AUTH_KEYCLOAK");
    assertThat(manifests.get("Deployment", GATEWAY).toString()).doesNotContain("sb-keycloak");
    // The other services verify only auth-service's tokens: nothing of the realm reaches them.
    for (String service : Chart.SERVICES) {
      if (!service.equals("gateway") && !service.equals("auth-service")) {
        assertThat(manifests.get("ConfigMap", Chart.name(service)).toString().toLowerCase())
            .as(service)
            .doesNotContain("keycloak");
        assertThat(manifests.get("Deployment", Chart.name(service)).toString().toLowerCase())
            .as(service)
            .doesNotContain("keycloak");
      }
    }

    // A public issuer other than the in-cluster server URL: both sides use it.
    Map<String, Object> split = new HashMap<>(ENABLED);
    split.put("keycloak.serverUrl", "http://keycloak.sso.svc:8080");
    split.put("keycloak.issuer", "https://sso.example.com/realms/acme");
    Manifests other = Chart.render(split);
    assertThat(other.config(GATEWAY, "SWITCHBOARD_GATEWAY_KEYCLOAK_ISSUER"))
        .isEqualTo("https://sso.example.com/realms/acme");
    assertThat(other.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_ISSUER"))
        .isEqualTo("https://sso.example.com/realms/acme");
    assertThat(other.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_SERVER_URL"))
        .isEqualTo("http://keycloak.sso.svc:8080");
  }

  @Test
  void shouldHandTheRoleMapsToAuthServiceAsAPropertiesFile() {
    Map<String, Object> set = new HashMap<>(ENABLED);
    set.put("keycloak.mapping.groups.eng/leads", "admin");
    set.put("keycloak.mapping.clientRoles.switchboard/operator", "admin");
    set.put("keycloak.mapping.realmRoles.admin", "user");
    Manifests manifests = Chart.render(set);
    String file =
        manifests
            .get("ConfigMap", AUTH + "-keycloak")
            .path("data")
            .path("keycloak-mapping.properties")
            .asText();
    assertThat(file.lines())
        .contains(
            "config_ordinal=275",
            "switchboard.auth.keycloak.mapping.realm-roles.user=user",
            "switchboard.auth.keycloak.mapping.realm-roles.admin=user",
            "switchboard.auth.keycloak.mapping.groups.ops=admin",
            "switchboard.auth.keycloak.mapping.groups.\"eng/leads\"=admin",
            "switchboard.auth.keycloak.mapping.client-roles.\"switchboard/operator\"=admin");
    assertThat(manifests.config(AUTH, "QUARKUS_CONFIG_LOCATIONS"))
        .isEqualTo("/etc/switchboard/keycloak/keycloak-mapping.properties");
    JsonNode pod = manifests.get("Deployment", AUTH).path("spec").path("template").path("spec");
    assertThat(pod.path("volumes").toString()).contains(AUTH + "-keycloak");
    assertThat(pod.path("containers").get(0).path("volumeMounts").toString())
        .contains("/etc/switchboard/keycloak");
    assertThat(manifests.find("ConfigMap", GATEWAY + "-keycloak")).isEmpty();
  }

  @Test
  void shouldLeaveAKeyAlreadySetInTheServiceEnvToIt() {
    // Before the keycloak: block the values told to set these through env: no duplicate key.
    Map<String, Object> set = new HashMap<>(ENABLED);
    set.put("authService.env.SWITCHBOARD_AUTH_KEYCLOAK_REALM", "legacy");
    set.put("gateway.env.SWITCHBOARD_GATEWAY_KEYCLOAK_ISSUER", "https://old.example.com/realms/a");
    String yaml = Chart.template(set, null);
    assertThat(yaml.split("SWITCHBOARD_AUTH_KEYCLOAK_REALM:", -1)).hasSize(2);
    assertThat(yaml.split("SWITCHBOARD_GATEWAY_KEYCLOAK_ISSUER:", -1)).hasSize(2);
    Manifests manifests = Manifests.parse(yaml);
    assertThat(manifests.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_REALM")).isEqualTo("legacy");
    assertThat(manifests.config(GATEWAY, "SWITCHBOARD_GATEWAY_KEYCLOAK_ISSUER"))
        .isEqualTo("https://old.example.com/realms/a");
    assertThat(manifests.config(AUTH, "SWITCHBOARD_AUTH_KEYCLOAK_SERVER_URL"))
        .isEqualTo("https://sso.example.com");
  }

  @Test
  void shouldRollAuthServiceAndGatewayWhenTheRealmChanges() {
    Map<String, Object> other = new HashMap<>(ENABLED);
    other.put("keycloak.realm", "globex");
    Manifests before = Chart.render(ENABLED);
    Manifests after = Chart.render(other);
    assertThat(checksum(after, AUTH)).isNotEqualTo(checksum(before, AUTH));
    assertThat(checksum(after, GATEWAY)).isNotEqualTo(checksum(before, GATEWAY));
    assertThat(checksum(after, Chart.name("agent-service")))
        .isEqualTo(checksum(before, Chart.name("agent-service")));
  }

  @Test
  void shouldLeaveAuthServiceFreeToReachKeycloak() {
    // The chart restricts ingress only: auth-service's calls to the realm (admin API, JWKS, token
    // endpoint) are not blocked. A later egress policy must add the Keycloak host.
    JsonNode policy = Chart.render(ENABLED).get("NetworkPolicy", AUTH).path("spec");
    assertThat(policy.path("policyTypes").toString()).doesNotContain("Egress");
    assertThat(policy.has("egress")).isFalse();
  }

  @Test
  void shouldRefuseWrongKeycloakValues() {
    // Refused by values.schema.json (named in Helm's schema report), never rendered.
    assertRefusedBySchema(Map.of("keycloak.enabled", "yes"), "keycloak.enabled: Invalid type");
    assertRefusedBySchema(with("keycloak.admin.grantType", "implicit"), "keycloak.admin.grantType");
    // Only user and admin can be granted, never service.
    assertRefusedBySchema(
        with("keycloak.mapping.groups.ops", "service"), "keycloak.mapping.groups");
    assertRefusedBySchema(with("keycloak.mapping.matchBy", "phone"), "keycloak.mapping.matchBy");
    assertRefusedBySchema(with("keycloak.serverUrl", "sso.example.com"), "keycloak.serverUrl");
    assertRefusedBySchema(
        with("keycloak.mapping.clientRoles.operator", "admin"), "keycloak.mapping.clientRoles");
    // A secret as a plain value has no place in the values.
    assertRefusedBySchema(with("keycloak.admin.clientSecret", "s3cr3t"), "clientSecret");
    Map<String, Object> noServer = new HashMap<>(ENABLED);
    noServer.put("keycloak.serverUrl", "");
    assertThatThrownBy(() -> Chart.render(noServer))
        .hasMessageContaining("keycloak.serverUrl is required");
    Map<String, Object> noUser = new HashMap<>(ENABLED);
    noUser.put("keycloak.admin.grantType", "password");
    assertThatThrownBy(() -> Chart.render(noUser))
        .hasMessageContaining("keycloak.admin.username is required");
  }

  @Test
  void shouldTellInTheNotesWhereToRegisterTheCallback() {
    InstallCommand install =
        Chart.helm()
            .install()
            .withName(Chart.RELEASE)
            .withNamespace(Chart.NAMESPACE)
            .withDryRunOption(DryRun.CLIENT)
            .clientOnly()
            .set("secrets.lookupExisting", false);
    for (Map.Entry<String, Object> e : ENABLED.entrySet()) {
      install = install.set(e.getKey(), e.getValue());
    }
    String notes = install.call().getOutput();
    assertThat(notes)
        .contains("Keycloak federation is on")
        .contains("https://sso.example.com/realms/acme")
        .contains("http://switchboard.example.com/api/auth/oidc/callback")
        .contains("Secret sb-keycloak-admin");
  }

  private static void assertRefusedBySchema(Map<String, Object> set, String field) {
    assertThatThrownBy(() -> Chart.render(set))
        .hasMessageContaining("specifications of the schema")
        .hasMessageContaining(field);
  }

  private static Map<String, Object> with(String key, Object value) {
    Map<String, Object> set = new HashMap<>(ENABLED);
    set.put(key, value);
    return set;
  }

  private static String checksum(Manifests manifests, String deployment) {
    return manifests
        .get("Deployment", deployment)
        .path("spec")
        .path("template")
        .path("metadata")
        .path("annotations")
        .path("checksum/config")
        .asText();
  }

  private static JsonNode env(Manifests manifests, String deployment, String name) {
    JsonNode found = findEnv(manifests, deployment, name);
    assertThat(found).as(name + " in " + deployment).isNotNull();
    return found;
  }

  private static JsonNode findEnv(Manifests manifests, String deployment, String name) {
    JsonNode env =
        manifests
            .get("Deployment", deployment)
            .path("spec")
            .path("template")
            .path("spec")
            .path("containers")
            .get(0)
            .path("env");
    for (JsonNode variable : env) {
      if (name.equals(variable.path("name").asText())) {
        return variable;
      }
    }
    return null;
  }
}
