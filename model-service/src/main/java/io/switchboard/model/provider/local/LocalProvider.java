package io.switchboard.model.provider.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.model.provider.ChatMessage;
import io.switchboard.model.provider.ChatProvider;
import io.switchboard.model.provider.ChatRequest;
import io.switchboard.model.provider.ChatResponse;
import io.switchboard.model.provider.ProviderKind;
import io.switchboard.model.provider.Target;
import io.switchboard.model.provider.ToolCall;
import io.switchboard.model.provider.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code local}: the built-in offline model ({@code local-echo}); no network, no key,
 * deterministic, able to call tools. For development, tests and a stack without any provider.
 */
@ApplicationScoped
public class LocalProvider implements ChatProvider {

  private static final Pattern PIECE = Pattern.compile("\\S+\\s*|\\s+");

  private final LocalReplies replies;

  public LocalProvider(ObjectMapper json) {
    this.replies = new LocalReplies(json);
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.LOCAL;
  }

  @Override
  public ChatResponse chat(Target target, ChatRequest request) {
    ChatMessage reply = replies.reply(request);
    boolean truncated = false;
    int cap = request.maxTokensOr(Integer.MAX_VALUE);
    if (reply.calls().isEmpty() && Usage.estimate(reply.text()) > cap) {
      reply = ChatMessage.assistant(reply.text().substring(0, Math.max(1, cap * 4)), null);
      truncated = true;
    }
    return new ChatResponse(reply, ChatResponse.finish(reply, truncated), usage(request, reply));
  }

  @Override
  public ChatResponse stream(Target target, ChatRequest request, Consumer<String> onDelta) {
    ChatResponse response = chat(target, request);
    Matcher pieces = PIECE.matcher(response.message().text());
    while (pieces.find()) {
      onDelta.accept(pieces.group());
    }
    return response;
  }

  @Override
  public void probe(Target target) {
    // Always up: it runs in-process.
  }

  private static Usage usage(ChatRequest request, ChatMessage reply) {
    int in = 0;
    for (ChatMessage m : request.messages()) {
      in += Usage.estimate(m.text());
      for (ToolCall call : m.calls()) {
        in += Usage.estimate(call.arguments().toString());
      }
    }
    int out = Usage.estimate(reply.text());
    for (ToolCall call : reply.calls()) {
      out += Usage.estimate(call.name() + call.arguments());
    }
    return new Usage(in, out);
  }
}
