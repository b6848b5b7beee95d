package io.switchboard.agent.approval.service;

import io.switchboard.agent.client.PipelineClient;
import io.switchboard.agent.client.Pipelines;
import io.switchboard.agent.client.SkillDtos;
import io.switchboard.agent.client.Skills;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Everything that waits on the user's answer, in one list: agent-service's own approvals (agents
 * and chat), skill-service's (its execute endpoint, hooks, pipeline tool stages) and
 * pipeline-service's approval stages, oldest first. A peer that cannot answer (unreachable, error,
 * over 5 s) leaves its part out and is named in {@code unavailable}; the rest is still listed.
 */
@ApplicationScoped
public class PendingApprovals {

  /** The list and the sources it lacks ({@code skill-service}, {@code pipeline-service}). */
  public record Result(List<ApprovalView> approvals, List<String> unavailable) {}

  private static final Logger LOG = Logger.getLogger(PendingApprovals.class);
  private static final Comparator<ApprovalView> OLDEST_FIRST =
      Comparator.comparing(
              ApprovalView::createdAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
          .thenComparing(ApprovalView::requestId);

  private final ApprovalService own;
  private final Skills skills;
  private final Pipelines pipelines;

  public PendingApprovals(ApprovalService own, Skills skills, Pipelines pipelines) {
    this.own = own;
    this.skills = skills;
    this.pipelines = pipelines;
  }

  public Result pending(UUID userId) {
    Map<UUID, ApprovalView> all = new LinkedHashMap<>();
    own.pendingWithAge(userId).forEach(v -> all.putIfAbsent(v.requestId(), v));
    List<String> unavailable = new ArrayList<>();
    List<SkillDtos.PendingApproval> fromSkills =
        ask("skill-service", () -> skills.pending(userId), unavailable);
    for (SkillDtos.PendingApproval a : fromSkills) {
      all.putIfAbsent(a.requestId(), skill(a));
    }
    List<PipelineClient.PendingApproval> fromPipelines =
        ask("pipeline-service", () -> pipelines.pending(userId), unavailable);
    for (PipelineClient.PendingApproval a : fromPipelines) {
      all.putIfAbsent(a.requestId(), pipeline(a));
    }
    Instant now = Instant.now();
    List<ApprovalView> list =
        all.values().stream()
            .filter(v -> v.expiresAt() == null || v.expiresAt().isAfter(now))
            .sorted(OLDEST_FIRST)
            .toList();
    return new Result(list, List.copyOf(unavailable));
  }

  private static <T> List<T> ask(String peer, Supplier<List<T>> call, List<String> unavailable) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      LOG.warnf("Pending approvals of %s left out: %s", peer, e.toString());
      unavailable.add(peer);
      return List.of();
    }
  }

  private static ApprovalView skill(SkillDtos.PendingApproval a) {
    return new ApprovalView(
        a.requestId(),
        a.skillId(),
        a.tool(),
        a.arguments(),
        a.summary(),
        a.expiresAt(),
        null,
        null,
        "skill",
        null,
        null,
        a.createdAt());
  }

  private static ApprovalView pipeline(PipelineClient.PendingApproval a) {
    return new ApprovalView(
        a.requestId(),
        null,
        null,
        null,
        a.question(),
        a.expiresAt(),
        null,
        null,
        "pipeline",
        a.runId(),
        a.question(),
        a.createdAt());
  }
}
