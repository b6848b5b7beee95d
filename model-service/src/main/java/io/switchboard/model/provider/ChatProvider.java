package io.switchboard.model.provider;

import java.util.function.Consumer;

/** One provider kind's wire protocol. Implementations are stateless application beans. */
public interface ChatProvider {

  ProviderKind kind();

  /** A whole answer. Throws {@link ProviderException} with a readable message on failure. */
  ChatResponse chat(Target target, ChatRequest request);

  /**
   * A streamed answer: every piece of text goes to {@code onDelta} as it arrives; tool calls are
   * assembled and returned with the final response.
   */
  ChatResponse stream(Target target, ChatRequest request, Consumer<String> onDelta);

  /** A cheap liveness check (lists models or similar); throws {@link ProviderException}. */
  default void probe(Target target) {
    chat(target, new ChatRequest(java.util.List.of(ChatMessage.user("ping")), null, 1));
  }
}
