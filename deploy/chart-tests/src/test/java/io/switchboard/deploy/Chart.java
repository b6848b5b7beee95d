package io.switchboard.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.Map;

/** The chart under test, rendered by a real Helm (helm-java runs Helm's Go code in the JVM). */
final class Chart {

  static final Path ROOT =
      Path.of(System.getProperty("switchboard.repo.root", "../..")).toAbsolutePath().normalize();
  static final Path DIR = ROOT.resolve("deploy/helm/switchboard");
  static final String RELEASE = "sb";
  static final String NAMESPACE = "switchboard";

  static final String[] SERVICES = {
    "gateway",
    "auth-service",
    "agent-service",
    "model-service",
    "skill-service",
    "vault-service",
    "pipeline-service"
  };

  private Chart() {}

  static Helm helm() {
    return new Helm(DIR);
  }

  /** Renders with {@code set} values (and an optional values file). */
  static Manifests render(Map<String, Object> set, Path valuesFile) {
    // Each value set is rendered once per run: generating the RSA key takes a second or two.
    return RENDERED.computeIfAbsent(
        valuesFile + " " + new java.util.TreeMap<>(set),
        k -> Manifests.parse(template(set, valuesFile)));
  }

  private static final Map<String, Manifests> RENDERED =
      new java.util.concurrent.ConcurrentHashMap<>();

  static Manifests render(Map<String, Object> set) {
    return render(set, null);
  }

  static String template(Map<String, Object> set, Path valuesFile) {
    return template(RELEASE, NAMESPACE, set, valuesFile);
  }

  static String template(
      String release, String namespace, Map<String, Object> set, Path valuesFile) {
    TemplateCommand template =
        helm()
            .template()
            .withName(release)
            .withNamespace(namespace)
            // No cluster here: never look up existing Secrets.
            .set("secrets.lookupExisting", false);
    if (valuesFile != null) {
      template = template.withValuesFile(valuesFile);
    }
    for (Map.Entry<String, Object> e : set.entrySet()) {
      template = template.set(e.getKey(), e.getValue());
    }
    return template.call();
  }

  static String name(String service) {
    return RELEASE + "-" + service;
  }
}
