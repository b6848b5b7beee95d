package io.switchboard.model.provider.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.model.provider.ChatMessage;
import io.switchboard.model.provider.ChatRequest;
import io.switchboard.model.provider.ToolCall;
import io.switchboard.model.provider.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in offline model's rules, deterministic: the same conversation always gets the same
 * answer. After tool results it quotes them; a user message {@code use <tool> {json}} (or one that
 * names an offered tool) gets a tool call; anything else is echoed. Every text starts with {@code
 * [local/echo]} so nobody mistakes it for a real model.
 */
final class LocalReplies {

  static final String LABEL = "[local/echo] ";
  private static final Pattern USE =
      Pattern.compile(
          "\\buse\\s+(?:the\\s+)?(?:tool\\s+)?([A-Za-z0-9_.:-]+)(?:\\s+(?:with\\s+)?(\\{.*}))?",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private final ObjectMapper json;

  LocalReplies(ObjectMapper json) {
    this.json = json;
  }

  ChatMessage reply(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    ChatMessage last = messages.get(messages.size() - 1);
    if (last.role().equals("tool")) {
      return ChatMessage.assistant(LABEL + quoteResults(messages), null);
    }
    String text = last.text();
    Optional<ToolCall> call = toolCall(text, request.tools(), messages.size());
    if (call.isPresent()) {
      return ChatMessage.assistant(
          LABEL + "Calling the tool " + call.get().name() + ".", List.of(call.get()));
    }
    if (text.isBlank()) {
      return ChatMessage.assistant(LABEL + "Hello! I am the built-in offline model.", null);
    }
    return ChatMessage.assistant(LABEL + "You said: " + text.strip(), null);
  }

  /** Every tool result since the last assistant message, with the tool's name. */
  private static String quoteResults(List<ChatMessage> messages) {
    int start = messages.size() - 1;
    while (start > 0 && messages.get(start - 1).role().equals("tool")) {
      start--;
    }
    List<ToolCall> asked = start > 0 ? messages.get(start - 1).calls() : List.of();
    List<String> parts = new ArrayList<>();
    for (ChatMessage result : messages.subList(start, messages.size())) {
      String name =
          asked.stream()
              .filter(c -> c.id().equals(result.toolCallId()))
              .map(ToolCall::name)
              .findFirst()
              .orElse("tool");
      parts.add("The tool " + name + " returned: " + result.text().strip());
    }
    return String.join("\n", parts);
  }

  private Optional<ToolCall> toolCall(String text, List<ToolSpec> tools, int position) {
    if (tools.isEmpty() || text.isBlank()) {
      return Optional.empty();
    }
    Matcher use = USE.matcher(text);
    while (use.find()) {
      Optional<ToolSpec> tool = named(tools, use.group(1));
      if (tool.isPresent()) {
        ObjectNode args = use.group(2) == null ? defaults(tool.get(), text) : parse(use.group(2));
        return Optional.of(call(tool.get().name(), args, position));
      }
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (ToolSpec tool : tools) {
      String name = tool.name().toLowerCase(Locale.ROOT);
      if (Pattern.compile("(?<![A-Za-z0-9_.:-])" + Pattern.quote(name) + "(?![A-Za-z0-9_:-])")
          .matcher(lower)
          .find()) {
        return Optional.of(call(tool.name(), defaults(tool, text), position));
      }
    }
    return Optional.empty();
  }

  private static Optional<ToolSpec> named(List<ToolSpec> tools, String name) {
    return tools.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The message text for every required string argument of the tool's schema. */
  private ObjectNode defaults(ToolSpec tool, String text) {
    ObjectNode args = json.createObjectNode();
    JsonNode properties = tool.inputSchema().path("properties");
    for (JsonNode required : tool.inputSchema().path("required")) {
      String field = required.asText();
      if (properties.path(field).path("type").asText("string").equals("string")) {
        args.put(field, text.strip());
      }
    }
    return args;
  }

  private ObjectNode parse(String raw) {
    try {
      JsonNode node = json.readTree(raw);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (java.io.IOException e) {
      // not JSON: the text goes in "input"
    }
    return json.createObjectNode().put("input", raw);
  }

  private static ToolCall call(String name, ObjectNode args, int position) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha.digest((position + "|" + name + "|" + args).getBytes(StandardCharsets.UTF_8));
      return new ToolCall("call_" + HexFormat.of().formatHex(digest, 0, 8), name, args);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
