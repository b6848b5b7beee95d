package io.switchboard.agent.client;

import io.switchboard.agent.client.SkillDtos.ExecuteRequest;
import io.switchboard.agent.client.SkillDtos.ExecuteResult;
import io.switchboard.agent.client.SkillDtos.PermissionAnswer;
import io.switchboard.agent.client.SkillDtos.PermissionCheck;
import io.switchboard.agent.client.SkillDtos.ResolveRequest;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * skill-service's internal calls with timeouts and circuit breakers; the permission check (a read)
 * is retried, tool execution (a side effect) is not. Failures become 502/503 problems ({@code
 * skill_service_unavailable}), and so do an open circuit and a timeout.
 */
@ApplicationScoped
public class Skills {

  private static final String CODE = "skill_service_unavailable";

  private final SkillClient client;

  public Skills(@RestClient SkillClient client) {
    this.client = client;
  }

  @Timeout(value = 10, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
  @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 10_000)
  @Fallback(fallbackMethod = "unavailable", applyOn = FaultToleranceException.class)
  public PermissionAnswer check(UUID userId, String skillId, String tool) {
    try {
      PermissionAnswer answer = client.check(new PermissionCheck(userId, skillId, tool));
      if (answer == null || answer.level() == null) {
        throw Remote.failure(502, CODE, "skill-service sent no permission level");
      }
      return answer;
    } catch (WebApplicationException e) {
      throw Remote.failure(502, CODE, "permission check failed (HTTP " + status(e) + ")");
    } catch (ProcessingException e) {
      throw Remote.failure(503, CODE, "skill-service is unreachable");
    }
  }

  @Timeout(value = 120, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 10_000)
  @Fallback(fallbackMethod = "unavailable", applyOn = FaultToleranceException.class)
  public ExecuteResult execute(ExecuteRequest request) {
    try {
      return client.execute(request);
    } catch (WebApplicationException e) {
      throw Remote.failure(502, CODE, "tool execution failed (HTTP " + status(e) + ")");
    } catch (ProcessingException e) {
      throw Remote.failure(503, CODE, "skill-service is unreachable");
    }
  }

  /** {@link #check}'s circuit is open or it timed out (after its retries). */
  PermissionAnswer unavailable(
      UUID userId, String skillId, String tool, FaultToleranceException e) {
    throw Remote.unavailable(CODE, "skill-service", e);
  }

  /** {@link #execute}'s circuit is open or it timed out. */
  ExecuteResult unavailable(ExecuteRequest request, FaultToleranceException e) {
    throw Remote.unavailable(CODE, "skill-service", e);
  }

  /** The user's pending approvals held by skill-service; throws when it cannot answer. */
  @Timeout(value = 5, unit = ChronoUnit.SECONDS)
  public List<SkillDtos.PendingApproval> pending(UUID userId) {
    SkillDtos.PendingList list = client.pending(userId);
    return list == null || list.approvals() == null ? List.of() : list.approvals();
  }

  /** Resolves an approval owned by skill-service; returns the HTTP status it answered. */
  @Timeout(value = 10, unit = ChronoUnit.SECONDS)
  public int resolve(UUID requestId, UUID userId, boolean approved, boolean remember) {
    try (Response response =
        client.resolve(requestId, new ResolveRequest(userId, approved, remember))) {
      return response.getStatus();
    } catch (WebApplicationException e) {
      return status(e);
    } catch (ProcessingException e) {
      throw Remote.failure(503, CODE, "skill-service is unreachable");
    }
  }

  private static int status(WebApplicationException e) {
    return e.getResponse() == null ? 502 : e.getResponse().getStatus();
  }
}
