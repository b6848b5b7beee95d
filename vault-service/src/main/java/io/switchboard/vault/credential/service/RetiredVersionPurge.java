package io.switchboard.vault.credential.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.vault.credential.CredentialSecret;
import io.switchboard.vault.crypto.VaultConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Destroys previous values of rotated credentials once their grace period is over, on a schedule
 * ({@code switchboard.vault.purge-interval}, default one minute), so an old key does not outlive
 * its grace just because nobody rotated again. Replicas may run it at once: it is one DELETE.
 */
@ApplicationScoped
public class RetiredVersionPurge {

  private static final Logger LOG = Logger.getLogger(RetiredVersionPurge.class);

  private final VaultConfig config;
  private ScheduledExecutorService executor;

  public RetiredVersionPurge(VaultConfig config) {
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    long every = config.purgeInterval().toMillis();
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "vault-purge");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  /** Destroys every version whose grace is over; returns how many. */
  public long purge() {
    long destroyed =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    CredentialSecret.delete(
                        "destroyAfter is not null and destroyAfter <= ?1", Instant.now()));
    if (destroyed > 0) {
      LOG.infof("Destroyed %d credential value version(s) past their rotation grace", destroyed);
    }
    return destroyed;
  }

  private void purgeQuietly() {
    try {
      purge();
    } catch (RuntimeException e) {
      LOG.warnf("Purging rotated credential values failed; retrying later: %s", e.toString());
    }
  }
}
