package io.switchboard.model.provider;

/** A provider's answer: the assistant message, why it stopped, and the tokens it used. */
public record ChatResponse(ChatMessage message, String finishReason, Usage usage) {

  public static final String STOP = "stop";
  public static final String TOOL_CALLS = "tool_calls";
  public static final String LENGTH = "length";

  /** {@code tool_calls} when the message carries any, else {@code stop} unless it was cut. */
  public static String finish(ChatMessage message, boolean truncated) {
    if (!message.calls().isEmpty()) {
      return TOOL_CALLS;
    }
    return truncated ? LENGTH : STOP;
  }
}
