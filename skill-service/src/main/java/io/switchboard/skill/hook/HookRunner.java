package io.switchboard.skill.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Runs claimed executions on a bounded pool, outside the claiming transaction, and records how they
 * ended. Webhooks are retried with exponential backoff, then {@code dead_lettered}.
 */
@ApplicationScoped
public class HookRunner {

  private static final Logger LOG = Logger.getLogger(HookRunner.class);

  private final HooksConfig config;
  private final WebhookSender webhooks;
  private final HookActions actions;
  private final ObjectMapper mapper;
  private final ExecutorService pool;

  public HookRunner(
      HooksConfig config, WebhookSender webhooks, HookActions actions, ObjectMapper mapper) {
    this.config = config;
    this.webhooks = webhooks;
    this.actions = actions;
    this.mapper = mapper;
    this.pool =
        Executors.newFixedThreadPool(
            config.workers(),
            task -> {
              Thread thread = new Thread(task, "hook-runner");
              thread.setDaemon(true);
              return thread;
            });
  }

  void stop(@Observes ShutdownEvent event) {
    pool.shutdownNow();
  }

  public void submit(List<UUID> executions) {
    executions.forEach(id -> pool.submit(() -> run(id)));
  }

  void run(UUID executionId) {
    try {
      Loaded loaded = QuarkusTransaction.requiringNew().call(() -> start(executionId));
      if (loaded == null) {
        return;
      }
      long started = System.nanoTime();
      if ("webhook".equals(loaded.hook.actionType)) {
        deliver(loaded, started);
      } else {
        HookActions.Done done = actions.run(loaded.hook, loaded.execution);
        finish(executionId, done.status(), 1, null, done.result(), done.error(), started);
      }
    } catch (RuntimeException e) {
      LOG.warnf("Hook execution %s failed: %s", executionId, e.getClass().getSimpleName());
      finish(executionId, HookExecution.FAILED, 1, null, null, "internal error", System.nanoTime());
    }
  }

  private record Loaded(Hook hook, HookExecution execution) {}

  private Loaded start(UUID executionId) {
    // Locked, so a recovered execution starts on one replica only.
    HookExecution execution = HookExecution.findById(executionId, LockModeType.PESSIMISTIC_WRITE);
    if (execution == null || !HookExecution.PENDING.equals(execution.status)) {
      return null;
    }
    Hook hook = Hook.findById(execution.hookId);
    if (hook == null) {
      return null;
    }
    execution.status = HookExecution.RUNNING;
    return new Loaded(hook, execution);
  }

  private void deliver(Loaded loaded, long started) {
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(loaded.execution.event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    int attempts = 0;
    Duration delay = config.backoffInitial();
    WebhookSender.Attempt attempt;
    while (true) {
      attempts++;
      attempt = webhooks.send(loaded.hook, loaded.execution.id, loaded.execution.eventType, body);
      if (attempt.delivered() || !attempt.retryable() || attempts > config.webhookRetries()) {
        break;
      }
      progress(loaded.execution.id, attempts, attempt);
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      delay = delay.multipliedBy(config.backoffMultiplier());
    }
    String status =
        attempt.delivered()
            ? HookExecution.SUCCEEDED
            : attempt.retryable() ? HookExecution.DEAD_LETTERED : HookExecution.FAILED;
    finish(loaded.execution.id, status, attempts, attempt.status(), null, attempt.error(), started);
  }

  private void progress(UUID id, int attempts, WebhookSender.Attempt attempt) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              HookExecution e = HookExecution.findById(id);
              e.attempts = attempts;
              e.responseStatus = attempt.status();
              e.error = cut(attempt.error());
            });
  }

  private void finish(
      UUID id,
      String status,
      int attempts,
      Integer response,
      JsonNode result,
      String error,
      long started) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              HookExecution e = HookExecution.findById(id);
              if (e == null) {
                return;
              }
              e.status = status;
              e.attempts = attempts;
              e.responseStatus = response;
              e.result = result;
              e.error = cut(error);
              e.durationMs = (System.nanoTime() - started) / 1_000_000;
              e.completedAt = Instant.now();
            });
  }

  private static String cut(String s) {
    return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
  }
}
