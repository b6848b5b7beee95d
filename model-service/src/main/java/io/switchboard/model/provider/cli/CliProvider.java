package io.switchboard.model.provider.cli;

import io.switchboard.model.cli.service.CliTools;
import io.switchboard.model.config.CliConfig;
import io.switchboard.model.provider.ChatMessage;
import io.switchboard.model.provider.ChatProvider;
import io.switchboard.model.provider.ChatRequest;
import io.switchboard.model.provider.ChatResponse;
import io.switchboard.model.provider.ProviderException;
import io.switchboard.model.provider.ProviderException.Kind;
import io.switchboard.model.provider.ProviderKind;
import io.switchboard.model.provider.Target;
import io.switchboard.model.provider.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code cli}: a subscription CLI tool (Claude Code, Codex CLI, Gemini CLI, ...) run as a child
 * process, no shell; the model's {@code modelId} names the tool. The conversation is rendered as
 * one prompt; the tool's output is the answer (no tool calls). Output that matches one of the
 * tool's exhausted patterns is a quota failure: routing then falls back.
 */
@ApplicationScoped
public class CliProvider implements ChatProvider {

  private final CliTools tools;

  public CliProvider(CliTools tools) {
    this.tools = tools;
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.CLI;
  }

  @Override
  public ChatResponse chat(Target target, ChatRequest request) {
    CliConfig.Tool tool =
        tools
            .tool(target.modelId())
            .orElseThrow(
                () ->
                    new ProviderException(
                        Kind.REJECTED,
                        0,
                        "No CLI tool named " + target.modelId() + " is configured"));
    Path path = executable(target, tool);
    String prompt = prompt(request);
    List<String> command = new ArrayList<>();
    command.add(path.toString());
    boolean inline = false;
    for (String arg : tool.args()) {
      inline |= arg.contains("{prompt}");
      command.add(arg.replace("{prompt}", prompt));
    }
    CliTools.Run run = tools.run(command, inline ? null : prompt, tools.runTimeout());
    if (run.timedOut()) {
      throw new ProviderException(Kind.RETRYABLE, 0, target.modelId() + " did not finish in time");
    }
    String output = run.output().strip();
    String lower = output.toLowerCase(Locale.ROOT);
    for (String pattern : tool.exhaustedPatterns()) {
      if (!pattern.isBlank() && lower.contains(pattern.toLowerCase(Locale.ROOT).strip())) {
        throw new ProviderException(Kind.QUOTA, 0, target.modelId() + ": " + shorten(output));
      }
    }
    if (run.exitCode() != 0) {
      throw new ProviderException(
          Kind.RETRYABLE,
          0,
          target.modelId() + " exited with " + run.exitCode() + ": " + shorten(output));
    }
    ChatMessage reply = ChatMessage.assistant(output, null);
    return new ChatResponse(
        reply, ChatResponse.STOP, new Usage(Usage.estimate(prompt), Usage.estimate(output)));
  }

  @Override
  public ChatResponse stream(Target target, ChatRequest request, Consumer<String> onDelta) {
    ChatResponse answer = chat(target, request);
    onDelta.accept(answer.message().text());
    return answer;
  }

  @Override
  public void probe(Target target) {
    tools.tool(target.modelId()).ifPresent(tool -> executable(target, tool));
  }

  private Path executable(Target target, CliConfig.Tool tool) {
    return tools
        .locate(tool.command())
        .orElseThrow(
            () ->
                new ProviderException(
                    Kind.UNREACHABLE, 0, tool.command() + " is not installed on this host"));
  }

  /** The conversation as one prompt: a single user message as is, else labelled turns. */
  static String prompt(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    if (messages.size() == 1) {
      return messages.get(0).text();
    }
    StringBuilder sb = new StringBuilder();
    for (ChatMessage m : messages) {
      String label =
          switch (m.role()) {
            case "system" -> "System";
            case "assistant" -> "Assistant";
            case "tool" -> "Tool result";
            default -> "User";
          };
      sb.append(label).append(": ").append(m.text()).append("\n\n");
    }
    return sb.toString().strip();
  }

  private static String shorten(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }
}
