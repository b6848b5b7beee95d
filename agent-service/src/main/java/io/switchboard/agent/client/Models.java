package io.switchboard.agent.client;

import io.switchboard.agent.client.ModelDtos.CompletionRequest;
import io.switchboard.agent.client.ModelDtos.CompletionResponse;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Completions from model-service, with a timeout and a circuit breaker. No retry: a completion
 * costs tokens, and the loop re-runs the step after a failure anyway. Failures become 502/503
 * problems ({@code model_unavailable}), and so do an open circuit and a timeout ({@link
 * #unavailable}).
 */
@ApplicationScoped
public class Models {

  private static final Logger LOG = Logger.getLogger(Models.class);

  private static final String CODE = "model_unavailable";

  private final ModelClient client;

  public Models(@RestClient ModelClient client) {
    this.client = client;
  }

  @Timeout(value = 180, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 10_000)
  @Fallback(fallbackMethod = "unavailable", applyOn = FaultToleranceException.class)
  public CompletionResponse complete(CompletionRequest request) {
    try {
      CompletionResponse response = client.complete(request);
      if (response == null || response.message() == null) {
        throw Remote.failure(502, CODE, "model-service sent no message");
      }
      return response;
    } catch (WebApplicationException e) {
      int status = e.getResponse().getStatus();
      LOG.warnf("model-service answered HTTP %d to a completion", status);
      throw Remote.failure(
          status == 503 || status == 429 ? 503 : 502,
          CODE,
          "model-service could not complete (HTTP " + status + ")");
    } catch (ProcessingException e) {
      LOG.warnf("model-service is unreachable: %s", e.getMessage());
      throw Remote.failure(503, CODE, "model-service is unreachable");
    } catch (ProblemException e) {
      throw e;
    }
  }

  /** {@link #complete}'s circuit is open or it timed out. */
  CompletionResponse unavailable(CompletionRequest request, FaultToleranceException e) {
    throw Remote.unavailable(CODE, "model-service", e);
  }
}
