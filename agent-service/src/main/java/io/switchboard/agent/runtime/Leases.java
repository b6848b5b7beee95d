package io.switchboard.agent.runtime;

import io.switchboard.agent.config.AgentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who runs a session's work: a lease on the session row ({@code lease_owner}, {@code lease_until}).
 * A replica claims a session whose head work item is runnable with {@code SELECT ... FOR UPDATE
 * SKIP LOCKED} (replicas never wait on each other, never claim the same session), holds the lease
 * while it works, renews it at every step and fences every write with it. A replica that dies stops
 * renewing; once the lease lapses another replica claims the session and continues from the last
 * persisted step.
 */
@ApplicationScoped
public class Leases {

  /** The head (oldest open) work item of a session is runnable and its agent is not held. */
  private static final String CLAIM =
      "SELECT s.id FROM session s WHERE (s.lease_until IS NULL OR s.lease_until < now())"
          + " AND EXISTS (SELECT 1 FROM agent_work w LEFT JOIN agent a ON a.id = w.agent_id"
          + "  WHERE w.id = (SELECT min(o.id) FROM agent_work o WHERE o.session_id = s.id"
          + "                AND o.status IN ('pending', 'started', 'waiting'))"
          + "  AND w.status IN ('pending', 'started')"
          + "  AND (a.id IS NULL OR (a.deleted_at IS NULL"
          + "       AND a.status NOT IN ('paused', 'awaiting_approval', 'stopped'))))"
          + " ORDER BY s.updated_at LIMIT 1 FOR UPDATE OF s SKIP LOCKED";

  private final EntityManager em;
  private final AgentConfig config;

  public Leases(EntityManager em, AgentConfig config) {
    this.em = em;
    this.config = config;
  }

  /** Claims one session with runnable work for {@code owner}, if any. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<UUID> claim(String owner) {
    @SuppressWarnings("unchecked")
    List<UUID> ids = em.createNativeQuery(CLAIM, UUID.class).getResultList();
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    UUID id = ids.get(0);
    set(id, owner);
    return Optional.of(id);
  }

  /**
   * Takes the lease of a session without open work (chat runs its exchange in the request). A
   * holder that has no open work left only releases, and every write is fenced, so taking it over
   * is safe.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void take(UUID sessionId, String owner) {
    em.flush();
    set(sessionId, owner);
  }

  /** Extends the lease; false when {@code owner} no longer holds it (then it must stop). */
  @Transactional(Transactional.TxType.REQUIRED)
  public boolean renew(UUID sessionId, String owner) {
    return em.createNativeQuery(
                "UPDATE session SET lease_until = now() + make_interval(secs => ?1)"
                    + " WHERE id = ?2 AND lease_owner = ?3")
            .setParameter(1, (double) config.leaseDuration().toSeconds())
            .setParameter(2, sessionId)
            .setParameter(3, owner)
            .executeUpdate()
        == 1;
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void release(UUID sessionId, String owner) {
    em.createNativeQuery(
            "UPDATE session SET lease_owner = NULL, lease_until = NULL"
                + " WHERE id = ?1 AND lease_owner = ?2")
        .setParameter(1, sessionId)
        .setParameter(2, owner)
        .executeUpdate();
  }

  private void set(UUID sessionId, String owner) {
    em.createNativeQuery(
            "UPDATE session SET lease_owner = ?1,"
                + " lease_until = now() + make_interval(secs => ?2) WHERE id = ?3")
        .setParameter(1, owner)
        .setParameter(2, (double) config.leaseDuration().toSeconds())
        .setParameter(3, sessionId)
        .executeUpdate();
  }
}
