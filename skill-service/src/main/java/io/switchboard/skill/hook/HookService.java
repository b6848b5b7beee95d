package io.switchboard.skill.hook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.panache.common.Sort;
import io.switchboard.defaults.page.PageRequest;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.skill.hook.HookDtos.ExecutionList;
import io.switchboard.skill.hook.HookDtos.ExecutionView;
import io.switchboard.skill.hook.HookDtos.HookRequest;
import io.switchboard.skill.hook.HookDtos.HookView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** A user's hooks: create, read, replace, delete, enable/disable, executions. */
@ApplicationScoped
public class HookService {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final HookValidator validator;

  public HookService(HookValidator validator) {
    this.validator = validator;
  }

  public List<Hook> list(UUID user) {
    return Hook.list("userId", Sort.by("createdAt").and("id"), user);
  }

  public Hook get(UUID user, UUID id) {
    Hook hook = Hook.findById(id);
    if (hook == null || !hook.userId.equals(user)) {
      throw ProblemException.notFound("Hook");
    }
    return hook;
  }

  /** The new hook, with its webhook secret (shown this once). */
  @Transactional
  public HookView create(UUID user, HookRequest request) {
    validator.validate(user, request);
    Hook hook = new Hook();
    hook.id = UUID.randomUUID();
    hook.userId = user;
    hook.createdAt = Instant.now();
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    hook.secret = "whsec_" + HexFormat.of().formatHex(key);
    apply(hook, request);
    hook.persist();
    return HookView.withSecret(hook, hook.secret);
  }

  @Transactional
  public Hook replace(UUID user, UUID id, HookRequest request) {
    Hook hook = get(user, id);
    validator.validate(user, request);
    apply(hook, request);
    return hook;
  }

  @Transactional
  public void delete(UUID user, UUID id) {
    get(user, id).delete();
  }

  @Transactional
  public Hook setEnabled(UUID user, UUID id, boolean enabled) {
    Hook hook = get(user, id);
    hook.enabled = enabled;
    hook.updatedAt = Instant.now();
    hook.nextFireAt = nextFire(hook, hook.updatedAt);
    return hook;
  }

  public ExecutionList executions(UUID user, UUID id, PageRequest page) {
    get(user, id);
    var query =
        HookExecution.find(
            "hookId = ?1 and userId = ?2", Sort.descending("createdAt").and("id"), id, user);
    List<ExecutionView> items =
        query.range(page.offset(), page.offset() + page.limit() - 1).list().stream()
            .map(e -> ExecutionView.of((HookExecution) e))
            .toList();
    return new ExecutionList(items, page.meta(query.count()));
  }

  private static void apply(Hook hook, HookRequest r) {
    hook.name = r.name().trim();
    hook.trigger = r.trigger();
    hook.cron = r.cron() == null ? null : r.cron().trim();
    hook.conditions =
        r.conditions() == null || r.conditions().isNull()
            ? JsonNodeFactory.instance.arrayNode()
            : r.conditions();
    hook.actionType = r.action().type();
    hook.actionConfig = r.action().config();
    hook.enabled = r.enabled() == null || r.enabled();
    hook.cooldownMs = r.cooldownMs() == null ? 0 : r.cooldownMs();
    hook.maxExecutions = r.maxExecutions();
    hook.updatedAt = Instant.now();
    hook.nextFireAt = nextFire(hook, hook.updatedAt);
  }

  static Instant nextFire(Hook hook, Instant after) {
    if (!hook.enabled || !Hook.SCHEDULE.equals(hook.trigger)) {
      return null;
    }
    return Crons.next(hook.cron, after).orElse(null);
  }
}
