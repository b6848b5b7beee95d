package io.switchboard.pipeline.run.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Claims due runs for this replica: {@code FOR UPDATE SKIP LOCKED} so replicas never take the same
 * run, and a lease so a run whose replica died is taken over once the lease has passed.
 */
@ApplicationScoped
public class RunClaims {

  private static final String DUE =
      "SELECT id FROM pipeline_run"
          + " WHERE status IN ('pending', 'running', 'awaiting_approval')"
          + " AND next_check_at <= ?1 AND (lease_until IS NULL OR lease_until < ?1)"
          + " ORDER BY next_check_at LIMIT ?2 FOR UPDATE SKIP LOCKED";

  private final EntityManager em;

  public RunClaims(EntityManager em) {
    this.em = em;
  }

  @Transactional
  @SuppressWarnings("unchecked")
  public List<UUID> claim(String owner, int limit, Duration lease) {
    Timestamp now = Timestamp.from(Instant.now());
    List<UUID> ids =
        em.createNativeQuery(DUE, UUID.class)
            .setParameter(1, now)
            .setParameter(2, limit)
            .getResultList();
    if (!ids.isEmpty()) {
      em.createNativeQuery(
              "UPDATE pipeline_run SET lease_owner = ?1, lease_until = ?2 WHERE id IN (?3)")
          .setParameter(1, owner)
          .setParameter(2, Timestamp.from(Instant.now().plus(lease)))
          .setParameter(3, ids)
          .executeUpdate();
    }
    return ids;
  }
}
