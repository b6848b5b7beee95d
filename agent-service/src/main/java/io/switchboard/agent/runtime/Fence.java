package io.switchboard.agent.runtime;

import io.switchboard.agent.agent.Agent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The check before every write of the loop: the session lease is still this runner's (renewed on
 * the way) and the work and its agent still exist. Otherwise {@link Stop}: nothing is written.
 */
@ApplicationScoped
public class Fence {

  /** The step must not go on: the lease is gone, or the work was cancelled. */
  public static class Stop extends RuntimeException {
    public Stop(String reason) {
      super(reason, null, false, false);
    }
  }

  private final Leases leases;

  public Fence(Leases leases) {
    this.leases = leases;
  }

  /** Renews the lease and checks the work may go on, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Work check(long workId, String owner) {
    Work work = Work.findById(workId);
    if (work == null) {
      throw new Stop("work " + workId + " is gone");
    }
    if (!leases.renew(work.sessionId, owner)) {
      throw new Stop("lease of session " + work.sessionId + " lost");
    }
    if (!Work.PENDING.equals(work.status) && !Work.STARTED.equals(work.status)) {
      throw new Stop("work " + workId + " is " + work.status);
    }
    if (work.agentId != null) {
      // Locked: a delete committing between this check and this step's event would otherwise
      // let the step's event follow the "deleted" one.
      Agent agent = Agent.findById(work.agentId, LockModeType.PESSIMISTIC_WRITE);
      if (agent == null || agent.deleted()) {
        throw new Stop("agent " + work.agentId + " deleted");
      }
    }
    return work;
  }
}
