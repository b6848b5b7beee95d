package io.switchboard.skill.execute;

import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.skill.client.VaultClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Resolves {@code {{secret:NAME}}} names from vault-service for the calling user, just before a
 * call (audited there with purpose {@code tool:<skill>/<tool>}). Unknown name: 400 {@code
 * unknown_secret}; expired: 409 {@code credential_expired}; vault down: 502 {@code
 * vault_unavailable}.
 */
@ApplicationScoped
public class SecretResolver {

  private static final Logger LOG = Logger.getLogger(SecretResolver.class);

  private final VaultClient vault;

  public SecretResolver(@RestClient VaultClient vault) {
    this.vault = vault;
  }

  /** name → value, for every name. */
  public Map<String, String> resolve(UUID user, Set<String> names, String purpose) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : names) {
      values.put(name, resolveOne(user, name, purpose));
    }
    return values;
  }

  private String resolveOne(UUID user, String name, String purpose) {
    try {
      return vault.resolve(new VaultClient.ResolveRequest(user, name, purpose)).value();
    } catch (WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (status == 404) {
        throw ToolProblems.unknownSecret(name);
      }
      if (status == 409) {
        throw ProblemException.of(
            409,
            "credential_expired",
            "Credential unusable",
            "The credential " + name + " has expired or cannot be read");
      }
      LOG.warnf("vault-service answered %d resolving a secret", status);
      throw vaultDown();
    } catch (ProcessingException e) {
      LOG.warnf("vault-service unreachable: %s", e.getClass().getSimpleName());
      throw vaultDown();
    }
  }

  private static ProblemException vaultDown() {
    return ProblemException.of(
        502, "vault_unavailable", "Vault unavailable", "Secrets cannot be resolved right now");
  }
}
