package io.switchboard.agent.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Calls to pipeline-service, mapped to problems the chat API can answer with. */
@ApplicationScoped
public class Pipelines {

  private final PipelineClient client;

  public Pipelines(@RestClient PipelineClient client) {
    this.client = client;
  }

  /** The user's open pipeline approval stages; throws when pipeline-service cannot answer. */
  @Timeout(value = 5, unit = ChronoUnit.SECONDS)
  public List<PipelineClient.PendingApproval> pending(UUID userId) {
    PipelineClient.PendingList list = client.pending(userId);
    return list == null || list.approvals() == null ? List.of() : list.approvals();
  }

  /** Resolves a pipeline approval gate; returns the HTTP status pipeline-service answered. */
  @Timeout(value = 10, unit = ChronoUnit.SECONDS)
  public int resolve(UUID requestId, UUID userId, boolean approved) {
    try (Response response =
        client.resolve(requestId, new PipelineClient.Resolution(userId, approved))) {
      return response.getStatus();
    } catch (WebApplicationException e) {
      return e.getResponse() == null ? 502 : e.getResponse().getStatus();
    } catch (ProcessingException e) {
      throw Remote.failure(503, "pipeline_service_unavailable", "pipeline-service is unreachable");
    }
  }
}
