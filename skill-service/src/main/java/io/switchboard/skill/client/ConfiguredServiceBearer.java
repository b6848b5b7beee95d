package io.switchboard.skill.client;

import io.quarkus.arc.DefaultBean;
import io.switchboard.defaults.problem.ProblemCode;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A service token from {@code switchboard.service-token} (a Secret), until ServiceTokens. */
@DefaultBean
@ApplicationScoped
public class ConfiguredServiceBearer implements ServiceBearer {

  private final Optional<String> token;

  public ConfiguredServiceBearer(
      @ConfigProperty(name = "switchboard.service-token") Optional<String> token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token.orElseThrow(
        () ->
            ProblemException.of(
                ProblemCode.SERVICE_UNAVAILABLE, "skill-service has no service token configured"));
  }
}
