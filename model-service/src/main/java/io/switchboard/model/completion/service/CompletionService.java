package io.switchboard.model.completion.service;

import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.model.completion.rest.CompletionDtos.CompletionRequest;
import io.switchboard.model.completion.rest.CompletionDtos.CompletionResponse;
import io.switchboard.model.completion.rest.CompletionDtos.Routing;
import io.switchboard.model.config.CliConfig;
import io.switchboard.model.provider.ChatMessage;
import io.switchboard.model.provider.ChatRequest;
import io.switchboard.model.provider.ChatResponse;
import io.switchboard.model.provider.ProviderException;
import io.switchboard.model.provider.ProviderKind;
import io.switchboard.model.provider.Providers;
import io.switchboard.model.provider.Target;
import io.switchboard.model.registry.Model;
import io.switchboard.model.routing.service.Router;
import io.switchboard.model.routing.service.RoutingDecision;
import io.switchboard.model.routing.service.RoutingDecision.Candidate;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A completion on behalf of a user: route, resolve the chosen model's credential, call its
 * provider; on a failure before any text was streamed, fall back to the next candidate.
 */
@ApplicationScoped
public class CompletionService {

  private final Router router;
  private final Targets targets;
  private final Providers providers;
  private final List<CompletionListener> listeners;
  private final boolean fallbackToPaid;

  public CompletionService(
      Router router,
      Targets targets,
      Providers providers,
      @io.quarkus.arc.All List<CompletionListener> listeners,
      CliConfig cli) {
    this.router = router;
    this.targets = targets;
    this.providers = providers;
    this.listeners = listeners;
    this.fallbackToPaid = cli.fallbackToPaid();
  }

  public RoutingDecision route(CompletionRequest request) {
    String lastUser =
        request.messages().stream()
            .filter(m -> m.role().equals("user"))
            .reduce((a, b) -> b)
            .map(ChatMessage::text)
            .orElse("");
    return router.route(request.model(), request.topic(), lastUser);
  }

  /** Runs a routed request; {@code onDelta} null for a whole answer. */
  public CompletionResponse complete(
      CompletionRequest request, RoutingDecision decision, Consumer<String> onDelta) {
    boolean[] streamed = {false};
    Consumer<String> deltas =
        onDelta == null
            ? null
            : d -> {
              streamed[0] = true;
              onDelta.accept(d);
            };
    ProviderException last = null;
    boolean cliFailed = false;
    for (Candidate candidate : decision.candidates()) {
      Model m = candidate.model();
      ProviderKind kind = ProviderKind.require(m.provider);
      if (cliFailed && kind.paid() && !fallbackToPaid) {
        decision.failed(m, Router.PAID_AFTER_CLI);
        continue;
      }
      if (request.tools() != null && !request.tools().isEmpty() && !m.capTools) {
        decision.failed(m, "does not support tools");
        continue;
      }
      Target target;
      try {
        target = targets.of(m, request.userId());
      } catch (CredentialResolver.Unavailable e) {
        decision.failed(m, "credential unavailable: " + e.getMessage());
        continue;
      }
      ChatRequest chat = new ChatRequest(request.messages(), request.tools(), cap(request, m));
      try {
        ChatResponse answer =
            deltas == null || !m.capStreaming
                ? providers.chat(target, chat)
                : providers.stream(target, chat, deltas);
        if (deltas != null && !m.capStreaming) {
          onDelta.accept(answer.message().text());
        }
        listeners.forEach(l -> l.completed(m, answer));
        return new CompletionResponse(
            m.name,
            m.provider,
            decision.topic(),
            new Routing(m.name, candidate.reason(), decision.skipped()),
            answer.message(),
            answer.finishReason(),
            answer.usage());
      } catch (ProviderException e) {
        listeners.forEach(l -> l.failed(m, e));
        if (streamed[0] || e.kind() == ProviderException.Kind.REJECTED) {
          throw problem(e);
        }
        decision.failed(m, e.code() + ": " + e.getMessage());
        cliFailed |= kind == ProviderKind.CLI;
        last = e;
      }
    }
    if (last != null) {
      throw problem(last);
    }
    throw ProblemException.of(
        503,
        "no_model_available",
        "No model available",
        "No model can answer now: "
            + decision.skipped().stream()
                .map(s -> s.model() + " (" + s.reason() + ")")
                .collect(Collectors.joining(", ")));
  }

  private static Integer cap(CompletionRequest request, Model m) {
    if (request.maxTokens() == null) {
      return m.maxTokens;
    }
    return m.maxTokens == null ? request.maxTokens() : Math.min(request.maxTokens(), m.maxTokens);
  }

  private static ProblemException problem(ProviderException e) {
    int status = e.kind() == ProviderException.Kind.REJECTED ? 422 : 502;
    return ProblemException.of(status, e.code(), "Provider error", e.getMessage());
  }
}
