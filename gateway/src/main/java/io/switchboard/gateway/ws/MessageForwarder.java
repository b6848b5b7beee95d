package io.switchboard.gateway.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.ProblemCode;
import io.switchboard.gateway.client.UpstreamClients;
import io.switchboard.gateway.client.UpstreamReply;
import io.switchboard.gateway.config.UpstreamService;
import io.switchboard.gateway.proxy.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Carries a WebSocket {@code message} frame to agent-service over HTTP with the user's own token:
 * with an {@code agentId} as {@code POST /api/agents/{agentId}/message {"message"}}, otherwise as
 * {@code POST /api/chat {"message","sessionId"?}}. Succeeds on a 2xx answer; otherwise fails with
 * the {@link FrameError} the client gets: the service's problem code for a 4xx/5xx answer, {@code
 * service_unavailable}, {@code gateway_timeout} or {@code bad_gateway} when it gave none.
 */
@ApplicationScoped
public class MessageForwarder {

  private static final Logger LOG = Logger.getLogger(MessageForwarder.class);
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final int MAX_DETAIL_CHARS = 300;

  private final UpstreamClients clients;
  private final ObjectMapper mapper;

  public MessageForwarder(UpstreamClients clients, ObjectMapper mapper) {
    this.clients = clients;
    this.mapper = mapper;
  }

  public Future<Void> forward(SocketSession session, ClientFrame.Message message) {
    ObjectNode body = mapper.createObjectNode().put("message", message.content());
    String uri;
    if (message.agentId() != null) {
      uri = "/api/agents/" + message.agentId() + "/message";
    } else {
      uri = "/api/chat";
      if (message.sessionId() != null) {
        body.put("sessionId", message.sessionId());
      }
    }
    Buffer payload;
    try {
      payload = Buffer.buffer(mapper.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      return Future.failedFuture(e);
    }
    return clients
        .postAsUser(
            UpstreamService.AGENT, uri, session.token(), UUID.randomUUID().toString(), payload)
        .recover(error -> Future.failedFuture(unreachable(error)))
        .compose(this::accepted);
  }

  private Future<Void> accepted(UpstreamReply reply) {
    if (reply.status() >= 200 && reply.status() < 300) {
      return Future.succeededFuture();
    }
    ProblemCode fallback =
        reply.status() >= 500 ? ProblemCode.BAD_GATEWAY : ProblemCode.forStatus(reply.status());
    String code = fallback.code();
    String detail = "agent-service answered " + reply.status();
    try {
      JsonNode problem = mapper.readTree(reply.body().getBytes());
      if (problem != null && CODE.matcher(problem.path("code").asText("")).matches()) {
        code = problem.path("code").asText();
      }
      if (reply.status() < 500 && problem != null && problem.path("detail").isTextual()) {
        String given = problem.path("detail").asText();
        detail = given.length() > MAX_DETAIL_CHARS ? given.substring(0, MAX_DETAIL_CHARS) : given;
      }
    } catch (Exception e) {
      LOG.debugf("agent-service answered %d without a problem body", reply.status());
    }
    return Future.failedFuture(new FrameError(code, detail));
  }

  private static FrameError unreachable(Throwable error) {
    UpstreamFailure failure = UpstreamFailure.classify(error);
    LOG.warnf("Forwarding a WebSocket message to agent-service failed: %s", error.toString());
    Problem problem = failure.problem(UpstreamService.AGENT);
    return new FrameError(problem.code(), problem.detail());
  }
}
