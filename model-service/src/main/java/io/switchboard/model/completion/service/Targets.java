package io.switchboard.model.completion.service;

import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.model.provider.ProviderKind;
import io.switchboard.model.provider.Target;
import io.switchboard.model.registry.Model;
import io.switchboard.model.registry.service.EndpointGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/** Turns a model into a call target: endpoint re-checked, credential resolved for the user. */
@ApplicationScoped
public class Targets {

  private final CredentialResolver credentials;
  private final EndpointGuard guard;

  public Targets(CredentialResolver credentials, EndpointGuard guard) {
    this.credentials = credentials;
    this.guard = guard;
  }

  public Target of(Model m, UUID userId) {
    if (m.endpoint != null) {
      try {
        guard.check(m.endpoint); // DNS may have changed since the model was saved
      } catch (ProblemException e) {
        throw new CredentialResolver.Unavailable(e.problem().detail());
      }
    }
    String key = null;
    if (m.credentialId != null) {
      try {
        key = credentials.resolve(userId, m.credentialId, "completion:" + m.name);
      } catch (ProcessingException | FaultToleranceException e) {
        throw new CredentialResolver.Unavailable("vault unreachable");
      }
    }
    return new Target(ProviderKind.require(m.provider), m.modelId, m.endpoint, key);
  }
}
