package io.switchboard.agent.runtime;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.agent.runtime.LoopEngine.Outcome;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs a leased session's work, oldest first, one step after another, until nothing runnable is
 * left (or, for a chat request, until its own work item is answered or waits). Releases the lease
 * at the end. A failing step fails its work item (the agent shows {@code error}) and the next item
 * runs.
 */
@ApplicationScoped
public class SessionRunner {

  private static final Logger LOG = Logger.getLogger(SessionRunner.class);

  private final LoopEngine engine;
  private final LoopStore store;
  private final Leases leases;

  public SessionRunner(LoopEngine engine, LoopStore store, Leases leases) {
    this.engine = engine;
    this.store = store;
    this.leases = leases;
  }

  /**
   * Works the session under {@code owner}'s lease. {@code only}: the chat's own work item, whose
   * failure is rethrown to the request instead of only being recorded; null for the worker.
   */
  public void run(UUID sessionId, String owner, Long only) {
    try {
      while (true) {
        Long head = head(sessionId);
        if (head == null || only != null && !head.equals(only)) {
          return;
        }
        Outcome outcome;
        try {
          outcome = engine.step(head, owner);
        } catch (Fence.Stop e) {
          LOG.debugf("Stopped work on session %s: %s", sessionId, e.getMessage());
          return;
        } catch (ProblemException e) {
          store.fail(head, owner, e.problem().code(), e.problem().detail());
          if (only != null) {
            throw e;
          }
          continue;
        } catch (RuntimeException e) {
          LOG.errorf(e, "A step of session %s failed", sessionId);
          store.fail(head, owner, "internal_error", "the step failed unexpectedly");
          if (only != null) {
            throw e;
          }
          continue;
        }
        if (outcome == Outcome.WAITING || outcome == Outcome.HELD) {
          return;
        }
      }
    } finally {
      leases.release(sessionId, owner);
    }
  }

  /** The oldest runnable work item of the session, or null (none, or the head waits). */
  private Long head(UUID sessionId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<Work> open =
                  Work.<Work>find(
                          "sessionId = ?1 and status in ('pending', 'started', 'waiting')"
                              + " order by id",
                          sessionId)
                      .page(0, 1)
                      .list();
              if (open.isEmpty() || Work.WAITING.equals(open.get(0).status)) {
                return null;
              }
              return open.get(0).id;
            });
  }
}
