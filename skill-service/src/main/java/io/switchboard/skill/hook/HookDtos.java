package io.switchboard.skill.hook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.defaults.page.PageMeta;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Wire shapes of {@code /api/hooks}. */
public final class HookDtos {

  private HookDtos() {}

  public record ActionRequest(@NotBlank String type, JsonNode config) {}

  /** Create or replace; {@code cron} only (and always) with trigger {@code schedule}. */
  public record HookRequest(
      @NotBlank @Size(max = 100) String name,
      @NotBlank String trigger,
      @Size(max = 200) String cron,
      JsonNode conditions,
      @NotNull @Valid ActionRequest action,
      Boolean enabled,
      @PositiveOrZero Long cooldownMs,
      @Positive Integer maxExecutions) {}

  public record ActionView(String type, JsonNode config) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HookView(
      UUID id,
      String name,
      String trigger,
      String cron,
      JsonNode conditions,
      ActionView action,
      boolean enabled,
      long cooldownMs,
      Integer maxExecutions,
      int executionCount,
      Instant lastFiredAt,
      Instant nextFireAt,
      Instant createdAt,
      Instant updatedAt,
      String secret) {

    public static HookView of(Hook h) {
      return withSecret(h, null);
    }

    /** Only the create answer carries the webhook secret. */
    public static HookView withSecret(Hook h, String secret) {
      return new HookView(
          h.id,
          h.name,
          h.trigger,
          h.cron,
          h.conditions,
          new ActionView(h.actionType, h.actionConfig),
          h.enabled,
          h.cooldownMs,
          h.maxExecutions,
          h.executionCount,
          h.lastFiredAt,
          h.nextFireAt,
          h.createdAt,
          h.updatedAt,
          secret);
    }
  }

  public record HookList(List<HookView> hooks) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ExecutionView(
      UUID id,
      UUID hookId,
      UUID eventId,
      String eventType,
      String status,
      int attempts,
      Integer responseStatus,
      Long durationMs,
      String error,
      JsonNode result,
      Instant createdAt,
      Instant completedAt) {

    public static ExecutionView of(HookExecution e) {
      return new ExecutionView(
          e.id,
          e.hookId,
          e.eventId,
          e.eventType,
          e.status,
          e.attempts,
          e.responseStatus,
          e.durationMs,
          e.error,
          e.result,
          e.createdAt,
          e.completedAt);
    }
  }

  public record ExecutionList(List<ExecutionView> executions, @JsonUnwrapped PageMeta page) {}
}
