package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The manifest check itself: it must catch what a strict API server would refuse. */
class KubernetesSchemaTest {

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: demo}
      spec:
        selector: {matchLabels: {app: demo}}
        template:
          metadata: {labels: {app: demo}}
          spec:
            containers:
              - name: demo
                image: demo:1
                %s
      """;

  private static java.util.List<String> problems(String yaml) throws Exception {
    return KubernetesSchema.problems(Manifests.YAML.readTree(yaml));
  }

  @Test
  void shouldAcceptAValidDeployment() throws Exception {
    assertThat(problems(DEPLOYMENT.formatted("ports: [{containerPort: 8080}]"))).isEmpty();
  }

  @Test
  void shouldReportAMisspelledFieldDeepInside() throws Exception {
    assertThat(problems(DEPLOYMENT.formatted("readinesProbe: {httpGet: {path: /health/ready}}")))
        .singleElement()
        .asString()
        .contains("containers[0]")
        .contains("readinesProbe");
  }

  @Test
  void shouldReportAValueOfTheWrongType() throws Exception {
    assertThat(problems(DEPLOYMENT.formatted("ports: [{containerPort: [8080]}]"))).isNotEmpty();
  }

  @Test
  void shouldLeaveCustomResourcesToTheirOwnChecks() throws Exception {
    assertThat(
            problems(
                "apiVersion: kafka.strimzi.io/v1beta2\n"
                    + "kind: Kafka\n"
                    + "metadata: {name: k}\n"
                    + "spec: {anything: 1}"))
        .isEmpty();
  }
}
