package io.switchboard.auth.keycloak.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The syncs still owed to the realm ({@code keycloak_sync}): one row per account, written in the
 * same transaction as the change it follows (like the outbox), gone once the realm has it.
 */
@ApplicationScoped
public class SyncQueue {

  private final EntityManager entityManager;

  public SyncQueue(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /** Owes a sync of the account, due now (joins the caller's transaction). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void owe(UUID userId) {
    entityManager
        .createNativeQuery(
            "INSERT INTO keycloak_sync (user_id, attempts, next_attempt_at, updated_at)"
                + " VALUES (?1, 0, now(), now()) ON CONFLICT (user_id) DO UPDATE"
                + " SET attempts = 0, next_attempt_at = now(), updated_at = now()")
        .setParameter(1, userId)
        .executeUpdate();
  }

  /** Owes a sync of every account registered here (and of deleted ones still in the realm). */
  @Transactional
  public int oweAll() {
    return entityManager
        .createNativeQuery(
            "INSERT INTO keycloak_sync (user_id, attempts, next_attempt_at, updated_at) SELECT id,"
                + " 0, now(), now() FROM app_user WHERE origin = 'local' AND (deleted_at IS NULL OR"
                + " keycloak_id IS NOT NULL) ON CONFLICT (user_id) DO UPDATE SET next_attempt_at ="
                + " now(), updated_at = now()")
        .executeUpdate();
  }

  /** Accounts whose sync is due, oldest first. */
  @Transactional
  @SuppressWarnings("unchecked")
  public List<UUID> due(int limit) {
    return entityManager
        .createNativeQuery(
            "SELECT user_id FROM keycloak_sync WHERE next_attempt_at <= now()"
                + " ORDER BY next_attempt_at LIMIT ?1",
            UUID.class)
        .setParameter(1, limit)
        .getResultList();
  }

  @Transactional
  public void done(UUID userId) {
    entityManager
        .createNativeQuery("DELETE FROM keycloak_sync WHERE user_id = ?1")
        .setParameter(1, userId)
        .executeUpdate();
  }

  /** Records a failed attempt; the next one waits 5 s, doubling up to {@code maxBackoff}. */
  @Transactional
  public void failed(UUID userId, String error, Duration maxBackoff) {
    Number attempts =
        (Number)
            entityManager
                .createNativeQuery("SELECT attempts FROM keycloak_sync WHERE user_id = ?1")
                .setParameter(1, userId)
                .getResultStream()
                .findFirst()
                .orElse(0);
    int next = attempts.intValue() + 1;
    Duration wait = Duration.ofSeconds(5L << Math.min(next - 1, 20));
    if (wait.compareTo(maxBackoff) > 0) {
      wait = maxBackoff;
    }
    entityManager
        .createNativeQuery(
            "UPDATE keycloak_sync SET attempts = ?2, next_attempt_at = ?3, last_error = ?4,"
                + " updated_at = now() WHERE user_id = ?1")
        .setParameter(1, userId)
        .setParameter(2, next)
        .setParameter(3, Instant.now().plus(wait))
        .setParameter(4, error.length() > 300 ? error.substring(0, 300) : error)
        .executeUpdate();
  }

  /** How many accounts are still owed a sync. */
  @Transactional
  public long pending() {
    return ((Number)
            entityManager.createNativeQuery("SELECT count(*) FROM keycloak_sync").getSingleResult())
        .longValue();
  }
}
