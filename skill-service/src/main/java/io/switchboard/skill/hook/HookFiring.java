package io.switchboard.skill.hook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.outbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Decides which hooks fire and records their executions, in one transaction per event (or per batch
 * of due schedules). Each hook row is locked ({@code SELECT ... FOR UPDATE}) while its cooldown and
 * max executions are checked and its counters moved, so replicas never both fire it; (hook, event)
 * is unique, so an event never fires a hook twice.
 */
@ApplicationScoped
public class HookFiring {

  public static final String CONSUMER = "skill-service-hooks";

  private final ProcessedEvents processed;
  private final EntityManager em;
  private final ObjectMapper mapper;

  public HookFiring(ProcessedEvents processed, EntityManager em, ObjectMapper mapper) {
    this.processed = processed;
    this.em = em;
    this.mapper = mapper;
  }

  /** The executions an event claimed (to run after the commit); none for a redelivery. */
  @Transactional
  public List<UUID> onEvent(EventEnvelope event) {
    if (event.subject() == null
        || Hook.SCHEDULE.equals(event.type())
        || !HookValidator.TRIGGERS.contains(event.type())) {
      return List.of();
    }
    UUID user;
    try {
      user = UUID.fromString(event.subject());
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    if (!processed.firstDelivery(CONSUMER, event.id())) {
      return List.of();
    }
    List<Hook> candidates =
        Hook.list("userId = ?1 and trigger = ?2 and enabled = true", user, event.type());
    List<UUID> claimed = new ArrayList<>();
    Instant now = Instant.now();
    for (Hook hook : candidates) {
      // A hook reacts to events that happen after it was created, not to replayed history.
      if (hook.createdAt.isAfter(event.time())
          || !Conditions.match(hook.conditions, event.data())) {
        continue;
      }
      em.refresh(hook, LockModeType.PESSIMISTIC_WRITE);
      UUID execution = claim(hook, event, now);
      if (execution != null) {
        claimed.add(execution);
      }
    }
    return claimed;
  }

  /** Due schedule hooks, claimed with {@code FOR UPDATE SKIP LOCKED}; their next time is moved. */
  @Transactional
  @SuppressWarnings("unchecked")
  public List<UUID> claimDue(Instant now, int limit) {
    List<Hook> due =
        em.createNativeQuery(
                "SELECT * FROM hook WHERE enabled AND trigger = 'schedule' AND next_fire_at <= ?1"
                    + " ORDER BY next_fire_at LIMIT ?2 FOR UPDATE SKIP LOCKED",
                Hook.class)
            .setParameter(1, now)
            .setParameter(2, limit)
            .getResultList();
    List<UUID> claimed = new ArrayList<>();
    for (Hook hook : due) {
      Instant at = hook.nextFireAt;
      hook.nextFireAt = Crons.next(hook.cron, at.isAfter(now) ? at : now).orElse(null);
      ObjectNode data =
          JsonNodeFactory.instance
              .objectNode()
              .put("hookId", hook.id.toString())
              .put("scheduledAt", at.toString());
      UUID eventId = UUID.nameUUIDFromBytes((hook.id + "@" + at).getBytes(StandardCharsets.UTF_8));
      EventEnvelope event =
          new EventEnvelope(
              eventId, Hook.SCHEDULE, "skill-service", hook.userId.toString(), at, null, data);
      if (Conditions.match(hook.conditions, data)) {
        UUID execution = claim(hook, event, now);
        if (execution != null) {
          claimed.add(execution);
        }
      }
    }
    return claimed;
  }

  /**
   * Executions to run again: still {@code pending} since before {@code cutoff} (their replica
   * stopped between claiming and running them), or still {@code running} since before {@code
   * runningCutoff} (their replica died mid-delivery; later than any delivery with its retries could
   * take). Those go back to {@code pending} here; {@link HookRunner} starts each only once. A
   * webhook may so be delivered twice: receivers deduplicate by {@code X-Switchboard-Delivery}.
   */
  @Transactional
  @SuppressWarnings("unchecked")
  public List<UUID> stranded(Instant cutoff, Instant runningCutoff, int limit) {
    List<UUID> interrupted =
        em.createNativeQuery(
                "SELECT id FROM hook_execution WHERE status = 'running' AND created_at < ?1"
                    + " ORDER BY created_at LIMIT ?2 FOR UPDATE SKIP LOCKED",
                UUID.class)
            .setParameter(1, runningCutoff)
            .setParameter(2, limit)
            .getResultList();
    if (!interrupted.isEmpty()) {
      em.createNativeQuery("UPDATE hook_execution SET status = 'pending' WHERE id IN (?1)")
          .setParameter(1, interrupted)
          .executeUpdate();
    }
    List<UUID> pending =
        em.createNativeQuery(
                "SELECT id FROM hook_execution WHERE status = 'pending' AND created_at < ?1"
                    + " ORDER BY created_at LIMIT ?2 FOR UPDATE SKIP LOCKED",
                UUID.class)
            .setParameter(1, cutoff)
            .setParameter(2, limit)
            .getResultList();
    java.util.LinkedHashSet<UUID> all = new java.util.LinkedHashSet<>(interrupted);
    all.addAll(pending);
    return List.copyOf(all);
  }

  /** With the hook row locked: the new execution's id, or null (cooldown, max, already fired). */
  private UUID claim(Hook hook, EventEnvelope event, Instant now) {
    if (!hook.enabled || !hook.mayFire(now)) {
      return null;
    }
    if (HookExecution.count("hookId = ?1 and eventId = ?2", hook.id, event.id()) > 0) {
      return null;
    }
    HookExecution execution = new HookExecution();
    execution.id = UUID.randomUUID();
    execution.hookId = hook.id;
    execution.userId = hook.userId;
    execution.eventId = event.id();
    execution.eventType = event.type();
    execution.event = mapper.valueToTree(event);
    execution.status = HookExecution.PENDING;
    execution.createdAt = now;
    execution.persist();
    hook.executionCount++;
    hook.lastFiredAt = now;
    return execution.id;
  }
}
