package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The chart rendered with the value sets CI checks, against the rules issue 9 sets. */
class ChartTest {

  static Stream<Arguments> valueSets() {
    return Stream.of(
        Arguments.of("defaults", Map.of()),
        Arguments.of(
            "all external dependencies",
            Map.of(
                "kafka.strimzi.enabled", false,
                "kafka.external.bootstrapServers", "kafka-1.example:9092,kafka-2.example:9092",
                "postgresql.cnpg.enabled", false,
                "postgresql.external.host", "pg.example",
                "postgresql.external.existingSecret", "switchboard-db")),
        Arguments.of("native images", Map.of("global.imageVariant", "native")),
        Arguments.of("pipeline-service disabled", Map.of("pipelineService.enabled", false)),
        Arguments.of("keycloak federation", KeycloakChartTest.ENABLED),
        Arguments.of(
            "monitoring and TLS",
            Map.of(
                "monitoring.serviceMonitor.enabled",
                true,
                "ingress.tls.enabled",
                true,
                "ingress.tls.secretName",
                "switchboard-tls",
                "global.otlpEndpoint",
                "http://otel-collector:4317")));
  }

  @Test
  void shouldPassHelmLintStrict() {
    LintResult result = Chart.helm().lint().strict().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void shouldRenderOnlyManifestsTheKubernetesModelAccepts(String name, Map<String, Object> set) {
    Manifests manifests = Chart.render(set);
    List<String> problems = new ArrayList<>();
    for (JsonNode manifest : manifests.all()) {
      problems.addAll(KubernetesSchema.problems(manifest));
      assertThat(manifest.path("apiVersion").asText()).isNotEmpty();
      assertThat(manifest.path("metadata").path("name").asText()).isNotEmpty();
    }
    assertThat(problems).isEmpty();
    assertThat(manifests.ofKind("Deployment")).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void shouldRunEveryServiceHardenedAndProbed(String name, Map<String, Object> set) {
    Manifests manifests = Chart.render(set);
    for (JsonNode deployment : manifests.ofKind("Deployment")) {
      JsonNode pod = deployment.path("spec").path("template").path("spec");
      assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
      assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText())
          .isEqualTo("RuntimeDefault");
      assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
      JsonNode container = pod.path("containers").get(0);
      JsonNode security = container.path("securityContext");
      assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
      assertThat(security.path("capabilities").path("drop").toString()).contains("ALL");
      assertThat(container.path("startupProbe").path("httpGet").path("path").asText())
          .isEqualTo("/health/started");
      assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
          .isEqualTo("/health/live");
      assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
          .isEqualTo("/health/ready");
      // A JVM start must not be killed: the start-up probe allows at least a minute.
      JsonNode startup = container.path("startupProbe");
      assertThat(startup.path("periodSeconds").asInt() * startup.path("failureThreshold").asInt())
          .isGreaterThanOrEqualTo(60);
      // Readiness DOWN within two periods of 5 s when a dependency fails.
      assertThat(container.path("readinessProbe").path("failureThreshold").asInt())
          .isLessThanOrEqualTo(2);
      // The grace period outlasts the drain (5 s shutdown delay + 20 s shutdown timeout).
      assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThan(25);
      assertThat(container.path("resources").path("requests").path("memory").asText()).isNotEmpty();
    }
  }

  @Test
  void shouldRenderTheFullSetPerServiceAndNothingForADisabledOne() {
    Manifests all = Chart.render(Map.of());
    for (String service : Chart.SERVICES) {
      String name = Chart.name(service);
      for (String kind :
          List.of(
              "Deployment",
              "Service",
              "ConfigMap",
              "ServiceAccount",
              "PodDisruptionBudget",
              "NetworkPolicy",
              "HorizontalPodAutoscaler")) {
        if (kind.equals("HorizontalPodAutoscaler")
            && (service.equals("vault-service") || service.equals("pipeline-service"))) {
          assertThat(all.find(kind, name)).as(service + " autoscaling is off by default").isEmpty();
          continue;
        }
        assertThat(all.find(kind, name)).as(kind + " of " + service).isPresent();
      }
    }
    Manifests without = Chart.render(Map.of("pipelineService.enabled", false));
    assertThat(without.all())
        .noneMatch(
            d -> d.path("metadata").path("name").asText().equals(Chart.name("pipeline-service")));
    assertThat(without.find("Deployment", Chart.name("agent-service"))).isPresent();
  }

  @Test
  void shouldExposeOnlyTheGateway() {
    Manifests manifests = Chart.render(Map.of());
    List<JsonNode> ingresses = manifests.ofKind("Ingress");
    assertThat(ingresses).hasSize(1);
    JsonNode paths = ingresses.get(0).path("spec").path("rules").get(0).path("http").path("paths");
    assertThat(paths).hasSize(1);
    assertThat(paths.get(0).path("backend").path("service").path("name").asText())
        .isEqualTo(Chart.name("gateway"));
    assertThat(ingresses.get(0).path("metadata").path("annotations").toString())
        .contains("proxy-read-timeout");
    for (String service : Chart.SERVICES) {
      JsonNode rules =
          manifests.get("NetworkPolicy", Chart.name(service)).path("spec").path("ingress");
      boolean fromAnywhere = false;
      for (JsonNode rule : rules) {
        fromAnywhere |= rule.path("from").isMissingNode();
      }
      assertThat(fromAnywhere)
          .as(service + " reachable from anywhere")
          .isEqualTo(service.equals("gateway"));
    }
    for (JsonNode service : manifests.ofKind("Service")) {
      assertThat(service.path("spec").path("type").asText()).isEqualTo("ClusterIP");
    }
  }

  @Test
  void shouldWireServicesToEachOtherAndToTheirDependencies() {
    Manifests manifests = Chart.render(Map.of());
    String gateway = Chart.name("gateway");
    assertThat(manifests.config(gateway, "SWITCHBOARD_GATEWAY_SERVICES_VAULT_URL"))
        .isEqualTo("http://sb-vault-service:8085");
    assertThat(manifests.config(Chart.name("agent-service"), "SWITCHBOARD_MODEL_URL"))
        .isEqualTo("http://sb-model-service:8083");
    assertThat(manifests.config(Chart.name("model-service"), "SWITCHBOARD_VAULT_URL"))
        .isEqualTo("http://sb-vault-service:8085");
    assertThat(manifests.config(Chart.name("pipeline-service"), "SWITCHBOARD_AUTH_URL"))
        .isEqualTo("http://sb-auth-service:8081");
    assertThat(manifests.config(gateway, "SWITCHBOARD_AUTH_URL"))
        .isEqualTo("http://sb-auth-service:8081");
    assertThat(manifests.config(Chart.name("vault-service"), "SWITCHBOARD_VAULT_URL"))
        .as("not its own")
        .isNull();
    assertThat(manifests.config(Chart.name("model-service"), "KAFKA_BOOTSTRAP_SERVERS"))
        .isEqualTo("sb-kafka-kafka-bootstrap:9092");
    assertThat(manifests.config(Chart.name("vault-service"), "QUARKUS_DATASOURCE_JDBC_URL"))
        .isEqualTo("jdbc:postgresql://sb-postgres-rw:5432/switchboard_vault");
    assertThat(manifests.config(Chart.name("gateway"), "QUARKUS_DATASOURCE_JDBC_URL")).isNull();
    assertThat(manifests.config(Chart.name("skill-service"), "SWITCHBOARD_SERVICE_GENERATE_SECRET"))
        .isEqualTo("false");

    Manifests external =
        Chart.render(
            Map.of(
                "kafka.strimzi.enabled", false,
                "kafka.external.bootstrapServers", "kafka-1.example:9092",
                "postgresql.cnpg.enabled", false,
                "postgresql.external.host", "pg.example",
                "postgresql.external.existingSecret", "switchboard-db"));
    assertThat(external.ofKind("Kafka")).isEmpty();
    assertThat(external.ofKind("Cluster")).isEmpty();
    assertThat(external.config(Chart.name("auth-service"), "KAFKA_BOOTSTRAP_SERVERS"))
        .isEqualTo("kafka-1.example:9092");
    assertThat(external.config(Chart.name("auth-service"), "QUARKUS_DATASOURCE_JDBC_URL"))
        .isEqualTo("jdbc:postgresql://pg.example:5432/switchboard_auth?sslmode=require");
  }

  @Test
  void shouldDeployKafkaInKraftModeAndOneDatabasePerService() {
    Manifests manifests = Chart.render(Map.of("kafka.strimzi.replicas", 1));
    JsonNode kafka = manifests.get("Kafka", "sb-kafka");
    assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText())
        .isEqualTo("enabled");
    JsonNode pool = manifests.ofKind("KafkaNodePool").get(0);
    assertThat(pool.path("spec").path("roles").toString()).contains("controller", "broker");
    assertThat(kafka.path("spec").path("kafka").path("config").path("min.insync.replicas").asInt())
        .isEqualTo(1);
    assertThat(manifests.ofKind("KafkaTopic"))
        .extracting(t -> t.path("spec").path("topicName").asText())
        .containsExactlyInAnyOrder(
            "agent.events",
            "agent.commands",
            "auth.events",
            "approval.events",
            "pipeline.events",
            "notifications");
    assertThat(manifests.ofKind("KafkaTopic"))
        .allMatch(t -> t.path("spec").path("replicas").asInt() == 1);
    JsonNode cluster = manifests.get("Cluster", "sb-postgres");
    assertThat(cluster.path("spec").path("managed").path("roles")).hasSize(5);
    assertThat(manifests.ofKind("Database"))
        .extracting(d -> d.path("spec").path("name").asText())
        .containsExactlyInAnyOrder(
            "switchboard_agent",
            "switchboard_model",
            "switchboard_skill",
            "switchboard_vault",
            "switchboard_pipeline");
  }

  @Test
  void shouldGenerateUsableKeysAndNeverTakeThemFromValues() {
    Manifests manifests = Chart.render(Map.of());
    JsonNode auth = manifests.get("Secret", "sb-auth-keys").path("data");
    String pem = decode(auth.path("signing-key.pem").asText());
    assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(Base64.getDecoder().decode(decode(auth.path("totp-key").asText()))).hasSize(32);
    String masterKeys =
        decode(
            manifests
                .get("Secret", "sb-vault-master-keys")
                .path("data")
                .path("master-keys.properties")
                .asText());
    assertThat(masterKeys).startsWith("switchboard.vault.master-keys.1=");
    assertThat(
            Base64.getDecoder().decode(masterKeys.substring(masterKeys.indexOf('=') + 1).strip()))
        .hasSize(32);
    JsonNode clients = manifests.get("Secret", "sb-service-clients").path("data");
    for (String service : Chart.SERVICES) {
      if (!service.equals("gateway")) {
        assertThat(decode(clients.path(service).asText())).hasSizeGreaterThanOrEqualTo(43);
      }
    }
    // Named existing Secrets: nothing generated, the workloads point at them.
    Manifests existing =
        Chart.render(
            Map.of(
                "secrets.authExistingSecret", "my-auth",
                "secrets.vaultExistingSecret", "my-vault",
                "secrets.serviceClientsExistingSecret", "my-clients"));
    assertThat(existing.find("Secret", "sb-auth-keys")).isEmpty();
    assertThat(existing.get("Deployment", "sb-vault-service").toString()).contains("my-vault");
    assertThat(existing.get("Deployment", "sb-model-service").toString()).contains("my-clients");
  }

  @Test
  void shouldShipTheGrafanaDashboardWithEveryPanelTheIssueAsksFor() throws Exception {
    JsonNode configMap = Chart.render(Map.of()).get("ConfigMap", "sb-grafana-dashboard");
    assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText())
        .isEqualTo("1");
    JsonNode dashboard =
        Manifests.YAML.readTree(configMap.path("data").path("switchboard.json").asText());
    String panels = dashboard.path("panels").toString();
    assertThat(panels)
        .contains("up{", "http_server_requests_seconds_count", "status=~\\\"5..\\\"")
        .contains("histogram_quantile(0.99", "jvm_memory_used_bytes")
        .contains("kafka_consumer_fetch_manager_records_lag_max")
        .contains("switchboard_agents_running", "switchboard_approvals_pending");
  }

  @Test
  void shouldRefuseWrongValuesAtInstall() {
    assertThatThrownBy(() -> Chart.render(Map.of("gateway.replicas", "two")))
        .hasMessageContaining("replicas");
    assertThatThrownBy(() -> Chart.render(Map.of("global.imageVariant", "wasm")))
        .hasMessageContaining("imageVariant");
    assertThatThrownBy(() -> Chart.render(Map.of("gatewy.enabled", true)))
        .hasMessageContaining("gatewy");
    assertThatThrownBy(() -> Chart.render(Map.of("postgresql.cnpg.enabled", false)))
        .hasMessageContaining("postgresql.external.host is required");
  }

  @Test
  void shouldTagImagesWithTheAppVersionAndTheVariant() {
    JsonNode jvm = Chart.render(Map.of()).get("Deployment", "sb-auth-service");
    assertThat(image(jvm)).isEqualTo("docker.io/switchboard/auth-service:0.1.0");
    JsonNode nativeImage =
        Chart.render(Map.of("global.imageVariant", "native", "authService.image.tag", "1.2.3"))
            .get("Deployment", "sb-auth-service");
    assertThat(image(nativeImage)).isEqualTo("docker.io/switchboard/auth-service:1.2.3-native");
  }

  private static String image(JsonNode deployment) {
    return deployment
        .path("spec")
        .path("template")
        .path("spec")
        .path("containers")
        .get(0)
        .path("image")
        .asText();
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
