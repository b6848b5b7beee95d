package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * k8s/: the plain manifests are the chart rendered with k8s/chart-values.yaml (one source of truth,
 * kept in step by this test), and both kustomize overlays build into valid manifests.
 */
class PlainManifestsTest {

  static final Path K8S = Chart.ROOT.resolve("k8s");
  static final Path BASE = K8S.resolve("base/switchboard.yaml");
  static final String HEADER =
      "# Generated from deploy/helm/switchboard with k8s/chart-values.yaml. Do not edit: change"
          + " the\n"
          + "# chart, then ./mvnw -pl deploy/chart-tests verify -Dswitchboard.k8s.update=true\n";

  private static String rendered() {
    String yaml =
        Chart.template("switchboard", "switchboard", Map.of(), K8S.resolve("chart-values.yaml"));
    return HEADER + yaml.strip() + "\n";
  }

  @Test
  void shouldKeepTheBaseInStepWithTheChart() throws IOException {
    String expected = rendered();
    if (Boolean.getBoolean("switchboard.k8s.update")) {
      Files.writeString(BASE, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(BASE, StandardCharsets.UTF_8))
        .as(
            "k8s/base/switchboard.yaml is out of step with the chart; regenerate it (see its"
                + " header)")
        .isEqualTo(expected);
    Manifests base = Manifests.parse(expected);
    assertThat(base.ofKind("Secret")).as("no key material in git").isEmpty();
    assertThat(base.ofKind("Deployment")).hasSize(Chart.SERVICES.length);
  }

  @Test
  void shouldBuildTheDevOverlay() throws Exception {
    Manifests dev = kustomize("overlays/dev");
    assertThat(dev.ofKind("Deployment")).hasSize(Chart.SERVICES.length);
    assertThat(dev.ofKind("HorizontalPodAutoscaler")).isEmpty();
    for (JsonNode deployment : dev.ofKind("Deployment")) {
      assertThat(deployment.path("metadata").path("namespace").asText())
          .isEqualTo("switchboard-dev");
      assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(1);
    }
    assertThat(dev.get("Cluster", "switchboard-postgres").path("spec").path("instances").asInt())
        .isEqualTo(1);
    assertThat(dev.ofKind("KafkaTopic"))
        .allMatch(t -> t.path("spec").path("replicas").asInt() == 1);
  }

  @Test
  void shouldBuildTheProdOverlayWithPinnedImages() throws Exception {
    Manifests prod = kustomize("overlays/prod");
    assertThat(prod.ofKind("Deployment")).hasSize(Chart.SERVICES.length);
    assertThat(prod.ofKind("HorizontalPodAutoscaler")).hasSize(5);
    for (JsonNode deployment : prod.ofKind("Deployment")) {
      String image =
          deployment
              .path("spec")
              .path("template")
              .path("spec")
              .path("containers")
              .get(0)
              .path("image")
              .asText();
      assertThat(image).startsWith("docker.io/switchboard/").endsWith(":0.1.0");
    }
  }

  private static Manifests kustomize(String overlay) throws Exception {
    Path kubectl = kubectl();
    assumeTrue(kubectl != null, "kubectl is not installed (CI installs kubernetes-client)");
    Process process =
        new ProcessBuilder(kubectl.toString(), "kustomize", K8S.resolve(overlay).toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("kubectl kustomize " + overlay).isZero();
    Manifests manifests = Manifests.parse(out);
    List<String> problems = new ArrayList<>();
    manifests.all().forEach(m -> problems.addAll(KubernetesSchema.problems(m)));
    assertThat(problems).isEmpty();
    return manifests;
  }

  private static Path kubectl() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
