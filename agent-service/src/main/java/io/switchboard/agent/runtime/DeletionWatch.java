package io.switchboard.agent.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Interrupts this replica's calls for agents deleted through another replica (the replica that
 * served the delete interrupts its own calls at once). Runs at every poll of the {@link Worker},
 * and only queries while a call is in flight.
 */
@ApplicationScoped
public class DeletionWatch {

  private static final Logger LOG = Logger.getLogger(DeletionWatch.class);

  private final InFlight inFlight;
  private final EntityManager em;

  public DeletionWatch(InFlight inFlight, EntityManager em) {
    this.inFlight = inFlight;
    this.em = em;
  }

  public void check() {
    Set<UUID> busy = inFlight.agents();
    if (busy.isEmpty()) {
      return;
    }
    for (UUID agentId : deleted(busy)) {
      int calls = inFlight.interrupt(agentId);
      LOG.debugf("Agent %s was deleted: interrupted %d call(s)", agentId, calls);
    }
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  List<UUID> deleted(Set<UUID> agents) {
    return em.createQuery(
            "select a.id from Agent a where a.id in :ids and a.deletedAt is not null", UUID.class)
        .setParameter("ids", agents)
        .getResultList();
  }
}
