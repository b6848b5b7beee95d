package io.switchboard.agent.approval.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.agent.approval.Approval;
import io.switchboard.agent.config.AgentConfig;
import io.switchboard.agent.runtime.Worker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Denies approvals nobody answered in time ({@code switchboard.agent.approval-ttl}, default 15
 * minutes), every {@code expiry-interval}: the waiting loop then tells the model. Replicas share
 * the work with {@code SKIP LOCKED}.
 */
@ApplicationScoped
public class ApprovalExpiry {

  private static final Logger LOG = Logger.getLogger(ApprovalExpiry.class);

  private final AgentConfig config;
  private final Approvals approvals;
  private final EntityManager em;
  private final Worker worker;
  private ScheduledExecutorService executor;

  public ApprovalExpiry(AgentConfig config, Approvals approvals, EntityManager em, Worker worker) {
    this.config = config;
    this.approvals = approvals;
    this.em = em;
    this.worker = worker;
  }

  void start(@Observes StartupEvent event) {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "approval-expiry");
              t.setDaemon(true);
              return t;
            });
    long every = config.expiryInterval().toMillis();
    executor.scheduleWithFixedDelay(this::expireQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  /** Expires what is due; returns how many. */
  public int expire() {
    int expired =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  @SuppressWarnings("unchecked")
                  List<UUID> due =
                      em.createNativeQuery(
                              "SELECT id FROM approval WHERE status = 'pending'"
                                  + " AND expires_at <= now() ORDER BY expires_at LIMIT 100"
                                  + " FOR UPDATE SKIP LOCKED",
                              UUID.class)
                          .getResultList();
                  for (UUID id : due) {
                    Approval a = Approval.findById(id);
                    approvals.decide(a, Approval.EXPIRED, false, null);
                  }
                  return due.size();
                });
    if (expired > 0) {
      LOG.infof("Denied %d approval request(s) nobody answered in time", expired);
      worker.nudge();
    }
    return expired;
  }

  private void expireQuietly() {
    try {
      expire();
    } catch (RuntimeException e) {
      LOG.warnf("Expiring approvals failed: %s", e.toString());
    }
  }
}
