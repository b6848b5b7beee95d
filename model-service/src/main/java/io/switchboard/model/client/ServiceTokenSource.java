package io.switchboard.model.client;

import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * This service's service token for {@code /internal/*} calls. Placeholder until {@code
 * io.switchboard.defaults.service.ServiceTokens} lands in libs/service-defaults; then {@link
 * #bearer()} delegates to it (tests replace this bean with a {@code @Mock}).
 */
@ApplicationScoped
public class ServiceTokenSource {

  public String bearer() {
    throw ProblemException.of(
        503,
        "service_token_unavailable",
        "Service token unavailable",
        "model-service cannot obtain a service token yet");
  }
}
