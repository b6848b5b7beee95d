package io.switchboard.auth.keycloak.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.auth.account.User;
import io.switchboard.auth.keycloak.KeycloakConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps the realm in step with the accounts registered here: owed syncs ({@link SyncQueue}) are
 * worked off now and then ({@code sync.interval}) and on a resync; one that fails (the realm down,
 * a conflict) stays owed and is retried later with a growing wait. Accounts created from a realm
 * sign-in are the realm's and are never pushed back.
 */
@ApplicationScoped
public class KeycloakSync {

  private static final Logger LOG = Logger.getLogger(KeycloakSync.class);
  private static final int BATCH = 100;
  private static final int MAX_BATCHES = 100;

  /** What one run did. */
  public record Outcome(int synced, int failed, long pending) {}

  private final KeycloakConfig config;
  private final RealmAdmin admin;
  private final SyncQueue queue;

  public KeycloakSync(KeycloakConfig config, RealmAdmin admin, SyncQueue queue) {
    this.config = config;
    this.admin = admin;
    this.queue = queue;
  }

  /** Whether accounts are synced at all (federation on, sync on, admin credentials set). */
  public boolean active() {
    return config.sync().enabled() && admin.configured();
  }

  /** Owes a sync of the account when syncing is active (in the caller's transaction). */
  public void owe(UUID userId) {
    if (active()) {
      queue.owe(userId);
    }
  }

  /** Tries the owed syncs now, off the caller's thread (e.g. right after a registration). */
  public void soon() {
    if (active()) {
      Infrastructure.getDefaultWorkerPool().execute(this::runDue);
    }
  }

  @Scheduled(
      identity = "keycloak-sync",
      every = "${switchboard.auth.keycloak.sync.interval}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Inactive.class)
  void scheduled() {
    Outcome outcome = runDue();
    if (outcome.synced() + outcome.failed() > 0) {
      LOG.infof(
          "Keycloak sync: %d synced, %d failed, %d owed",
          outcome.synced(), outcome.failed(), outcome.pending());
    }
  }

  /** Repairs drift: every account registered here is synced again, now. */
  public Outcome resync() {
    queue.oweAll();
    return runDue();
  }

  /** Works off the syncs that are due. */
  public synchronized Outcome runDue() {
    int synced = 0;
    int failed = 0;
    // A synced row is deleted and a failed one postponed, so each batch is new work; bounded
    // anyway, should accounts be owed again as fast as they are synced.
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      List<UUID> due = queue.due(BATCH);
      for (UUID userId : due) {
        if (syncOne(userId)) {
          synced++;
        } else {
          failed++;
        }
      }
      if (due.size() < BATCH) {
        break;
      }
    }
    return new Outcome(synced, failed, queue.pending());
  }

  private boolean syncOne(UUID userId) {
    try {
      User user = QuarkusTransaction.requiringNew().call(() -> User.<User>findById(userId));
      if (user != null && User.LOCAL.equals(user.origin)) {
        if (user.deletedAt != null) {
          if (user.keycloakId != null) {
            admin.delete(user.keycloakId);
          }
        } else {
          String id = admin.upsert(wanted(user), realmRoleNames());
          if (!id.equals(user.keycloakId)) {
            QuarkusTransaction.requiringNew()
                .run(() -> User.update("keycloakId = ?1 where id = ?2", id, userId));
          }
        }
      }
      queue.done(userId);
      return true;
    } catch (RuntimeException e) {
      String why = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.warnf("Keycloak sync of %s failed, retried later: %s", userId, why);
      queue.failed(userId, why, config.sync().maxBackoff());
      return false;
    }
  }

  private static RealmAdmin.Wanted wanted(User user) {
    return new RealmAdmin.Wanted(
        user.keycloakId, user.username, user.email, user.displayName, user.roleSet());
  }

  /** Switchboard role → its realm role: the first realm role mapped to it, else its own name. */
  Map<String, String> realmRoleNames() {
    Map<String, String> names = new LinkedHashMap<>();
    for (String role : List.of("user", "admin")) {
      String name =
          config.mapping().realmRoles().entrySet().stream()
              .filter(e -> role.equals(e.getValue()))
              .map(Map.Entry::getKey)
              .sorted()
              .findFirst()
              .orElse(role);
      names.put(role, name);
    }
    return names;
  }

  /** Skips the scheduled run while syncing is off. */
  @Singleton
  public static class Inactive implements Scheduled.SkipPredicate {
    private final KeycloakSync sync;

    public Inactive(KeycloakSync sync) {
      this.sync = sync;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
      return !sync.active();
    }
  }
}
