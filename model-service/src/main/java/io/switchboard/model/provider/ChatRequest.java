package io.switchboard.model.provider;

import java.util.List;

/** What a provider is asked: the conversation, the tools it may call, and a token cap. */
public record ChatRequest(List<ChatMessage> messages, List<ToolSpec> tools, Integer maxTokens) {

  public ChatRequest {
    tools = tools == null ? List.of() : tools;
  }

  public int maxTokensOr(int fallback) {
    return maxTokens == null ? fallback : maxTokens;
  }
}
