package io.switchboard.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads a manifest into the Kubernetes object model (fabric8, generated from the Kubernetes
 * OpenAPI) and reports every field the model does not know, at any depth, and every value of the
 * wrong type: what {@code kubectl apply --validate=strict} would refuse. Custom resources of the
 * operators (Strimzi, CloudNativePG, Prometheus) are checked by the tests for their own fields.
 */
final class KubernetesSchema {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  static final Map<String, Class<?>> BUILT_IN =
      Map.of(
          "apps/v1/Deployment", Deployment.class,
          "v1/Service", Service.class,
          "v1/ConfigMap", ConfigMap.class,
          "v1/Secret", Secret.class,
          "v1/ServiceAccount", ServiceAccount.class,
          "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
          "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
          "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
          "networking.k8s.io/v1/Ingress", Ingress.class);

  private KubernetesSchema() {}

  /** Problems of one document; empty when the model accepts it whole. */
  static List<String> problems(JsonNode manifest) {
    String type = manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
    Class<?> model = BUILT_IN.get(type);
    if (model == null) {
      return List.of();
    }
    String where = type + " " + manifest.path("metadata").path("name").asText();
    Object object;
    try {
      object = MAPPER.treeToValue(manifest, model);
    } catch (Exception e) {
      return List.of(where + ": " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    walk(object, where, problems);
    return problems;
  }

  private static void walk(Object value, String path, List<String> problems) {
    if (value == null) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", problems);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, problems));
      return;
    }
    if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object child;
      try {
        child = getter.invoke(value);
      } catch (ReflectiveOperationException e) {
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
          problems.add(path + ": unknown field(s) " + extra.keySet());
        }
        continue;
      }
      walk(child, path + "." + field(getter.getName()), problems);
    }
  }

  private static String field(String getter) {
    return Character.toLowerCase(getter.charAt(3)) + getter.substring(4);
  }
}
