package io.switchboard.agent.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The remote calls (completions, permission checks, tool executions) this replica's workers are
 * making for agents right now. Deleting an agent interrupts its call at once: the worker's blocking
 * HTTP call ends, the step stops ({@link Fence.Stop}) and writes nothing. The remote side may still
 * finish what it started (tokens spent, a tool that already acted); its answer is never used.
 */
@ApplicationScoped
public class InFlight {

  private static final class Entry {
    final Thread thread = Thread.currentThread();
    boolean cancelled;
  }

  private final Map<UUID, List<Entry>> byAgent = new HashMap<>();
  private final TransactionSynchronizationRegistry transactions;

  public InFlight(TransactionSynchronizationRegistry transactions) {
    this.transactions = transactions;
  }

  /**
   * Interrupts the agent's calls once the caller's transaction (the delete) has committed: only
   * then does the interrupted step's fence see the agent deleted.
   */
  public void interruptAfterCommit(UUID agentId) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              interrupt(agentId);
            }
          }
        });
  }

  /** Runs {@code remote} as a call of {@code agentId} (null: a chat, nothing to interrupt). */
  public <T> T call(UUID agentId, Supplier<T> remote) {
    if (agentId == null) {
      return remote.get();
    }
    Entry entry = new Entry();
    synchronized (this) {
      byAgent.computeIfAbsent(agentId, a -> new ArrayList<>()).add(entry);
    }
    try {
      T result = remote.get();
      if (cancelled(entry)) {
        throw new Fence.Stop("agent " + agentId + " deleted during a remote call");
      }
      return result;
    } catch (RuntimeException e) {
      if (cancelled(entry)) {
        throw new Fence.Stop("agent " + agentId + " deleted during a remote call");
      }
      throw e;
    } finally {
      synchronized (this) {
        List<Entry> entries = byAgent.get(agentId);
        entries.remove(entry);
        if (entries.isEmpty()) {
          byAgent.remove(agentId);
        }
        if (entry.cancelled) {
          // The interrupt was meant for the call only; the thread goes on with its next work.
          Thread.interrupted();
        }
      }
    }
  }

  /** Interrupts every call of the agent in flight here; answers how many. */
  public synchronized int interrupt(UUID agentId) {
    List<Entry> entries = byAgent.getOrDefault(agentId, List.of());
    for (Entry e : entries) {
      if (!e.cancelled) {
        e.cancelled = true;
        e.thread.interrupt();
      }
    }
    return entries.size();
  }

  /** The agents with a call in flight here. */
  public synchronized Set<UUID> agents() {
    return Set.copyOf(byAgent.keySet());
  }

  private synchronized boolean cancelled(Entry entry) {
    return entry.cancelled;
  }
}
