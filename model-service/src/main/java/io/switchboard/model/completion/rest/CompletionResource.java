package io.switchboard.model.completion.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.defaults.security.Roles;
import io.switchboard.model.completion.rest.CompletionDtos.CompletionRequest;
import io.switchboard.model.completion.rest.CompletionDtos.CompletionResponse;
import io.switchboard.model.completion.rest.CompletionDtos.Delta;
import io.switchboard.model.completion.service.CompletionService;
import io.switchboard.model.routing.service.RoutingDecision;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** Service to service: a completion on behalf of a user (agent-service, pipeline-service). */
@Path("/internal/completions")
@Tag(name = "Internal")
public class CompletionResource {

  private static final Logger LOG = Logger.getLogger(CompletionResource.class);

  private final CompletionService completions;
  private final ObjectMapper json;

  public CompletionResource(CompletionService completions, ObjectMapper json) {
    this.completions = completions;
    this.json = json;
  }

  @POST
  @RolesAllowed(Roles.SERVICE)
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
  @Operation(
      summary = "Complete a conversation for a user (service tokens only)",
      description =
          "Routes by model or topic, resolves the model's credential for userId, calls the"
              + " provider, falls back on failure. With stream:true or Accept: text/event-stream"
              + " an SSE stream: 'delta' events {content}, then one 'done' event carrying the"
              + " whole response, or an 'error' event carrying a problem. See README.")
  public Response complete(
      @Valid @NotNull CompletionRequest request, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
    RoutingDecision decision = completions.route(request);
    boolean stream =
        Boolean.TRUE.equals(request.stream())
            || (accept != null && accept.contains(MediaType.SERVER_SENT_EVENTS));
    if (!stream) {
      return Response.ok(completions.complete(request, decision, null))
          .type(MediaType.APPLICATION_JSON)
          .build();
    }
    StreamingOutput body = out -> stream(out, request, decision);
    return Response.ok(body)
        .type(MediaType.SERVER_SENT_EVENTS)
        .header("Cache-Control", "no-cache")
        .header("X-Accel-Buffering", "no")
        .build();
  }

  private void stream(OutputStream out, CompletionRequest request, RoutingDecision decision)
      throws IOException {
    try {
      CompletionResponse done =
          completions.complete(request, decision, delta -> send(out, "delta", new Delta(delta)));
      send(out, "done", done);
    } catch (ProblemException e) {
      send(out, "error", e.problem());
    } catch (UncheckedIOException e) {
      LOG.debugf("The completion stream's client went away: %s", e.getMessage());
    } catch (RuntimeException e) {
      LOG.errorf(e, "Completion stream failed");
      send(
          out,
          "error",
          Problem.of(502, "provider_error", "Provider error", "The completion failed"));
    }
  }

  private void send(OutputStream out, String event, Object data) {
    try {
      out.write(
          ("event: " + event + "\ndata: " + json.writeValueAsString(data) + "\n\n")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
