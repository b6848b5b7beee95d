package io.switchboard.model.completion.service;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.model.client.VaultClient;
import io.switchboard.model.client.VaultClient.ResolveRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A model's API key, resolved from the vault on behalf of the calling user at the moment of a
 * request; never cached, stored or logged.
 */
@ApplicationScoped
public class CredentialResolver {

  /** The credential cannot be used for this user: routing tries the next model. */
  public static class Unavailable extends RuntimeException {
    public Unavailable(String reason) {
      super(reason, null, false, false);
    }
  }

  private final VaultClient vault;

  public CredentialResolver(@RestClient VaultClient vault) {
    this.vault = vault;
  }

  @Timeout(value = 5, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 2, delay = 100, retryOn = ProcessingException.class)
  @CircuitBreaker(
      requestVolumeThreshold = 10,
      failureRatio = 0.8,
      delay = 10_000,
      failOn = ProcessingException.class)
  @CircuitBreakerName("vault-resolve")
  public String resolve(UUID userId, UUID credentialId, String purpose) {
    try {
      return vault.resolve(new ResolveRequest(userId, credentialId, null, purpose)).value();
    } catch (WebApplicationException e) {
      int status = e.getResponse().getStatus();
      throw new Unavailable(
          switch (status) {
            case 404 -> "credential not found for this user";
            case 409 -> "credential expired or unreadable";
            default -> "vault answered HTTP " + status;
          });
    } catch (ProblemException e) {
      throw new Unavailable(e.problem().detail());
    }
  }
}
