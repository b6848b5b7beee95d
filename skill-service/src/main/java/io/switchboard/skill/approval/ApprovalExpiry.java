package io.switchboard.skill.approval;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Expires unanswered approvals (= denied); safe on several replicas (row locks, skip-if-busy). */
@ApplicationScoped
public class ApprovalExpiry {

  private static final Logger LOG = Logger.getLogger(ApprovalExpiry.class);

  private final ApprovalService approvals;

  public ApprovalExpiry(ApprovalService approvals) {
    this.approvals = approvals;
  }

  @Scheduled(
      every = "${switchboard.approvals.expiry-interval:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void expire() {
    try {
      int expired;
      do {
        expired = approvals.expireDue();
        if (expired > 0) {
          LOG.infof("Expired %d approvals", expired);
        }
      } while (expired == 100);
    } catch (RuntimeException e) {
      LOG.warnf("Expiring approvals failed: %s", e.getClass().getSimpleName());
    }
  }
}
