package io.switchboard.gateway.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Parses and validates client frames. Anything it cannot act on is a {@link FrameError} with a
 * stable code: {@code frame_too_large}, {@code invalid_json}, {@code unknown_type}, {@code
 * validation_failed}, {@code unknown_channel}. Error messages never echo the client's input.
 */
public final class ClientFrames {

  /** Agent and session ids: UUIDs in practice; never anything that could change a URL path. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private static final int MAX_MESSAGE_ID_CHARS = 128;

  private final ObjectMapper mapper;
  private final int maxFrameBytes;

  public ClientFrames(ObjectMapper mapper, int maxFrameBytes) {
    this.mapper = mapper;
    this.maxFrameBytes = maxFrameBytes;
  }

  public ClientFrame parse(String text) throws FrameError {
    if (utf8Length(text) > maxFrameBytes) {
      throw new FrameError(
          "frame_too_large", "A frame may carry at most " + maxFrameBytes + " bytes");
    }
    JsonNode frame;
    try {
      frame = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new FrameError("invalid_json", "The frame is not valid JSON");
    }
    if (frame == null || !frame.isObject()) {
      throw new FrameError("invalid_json", "The frame must be a JSON object");
    }
    JsonNode type = frame.get("type");
    if (type == null || !type.isTextual()) {
      throw invalid("'type' is required");
    }
    return switch (type.asText()) {
      case "ping" -> new ClientFrame.Ping();
      case "subscribe" -> new ClientFrame.Subscribe(channels(frame), optionalId(frame, "agentId"));
      case "unsubscribe" ->
          new ClientFrame.Unsubscribe(channels(frame), optionalId(frame, "agentId"));
      case "message" -> message(frame);
      default ->
          throw new FrameError(
              "unknown_type", "Unknown frame type; use subscribe, unsubscribe, message or ping");
    };
  }

  private ClientFrame.Message message(JsonNode frame) throws FrameError {
    JsonNode content = frame.get("content");
    if (content == null || !content.isTextual() || content.asText().isBlank()) {
      throw invalid("'content' is required and must be a non-empty string");
    }
    String agentId = optionalId(frame, "agentId");
    String sessionId = optionalId(frame, "sessionId");
    if (agentId != null && sessionId != null) {
      throw invalid("Give 'agentId' or 'sessionId', not both");
    }
    return new ClientFrame.Message(agentId, sessionId, content.asText(), messageId(frame));
  }

  private static List<Channel> channels(JsonNode frame) throws FrameError {
    JsonNode channels = frame.get("channels");
    if (channels == null || !channels.isArray() || channels.isEmpty()) {
      throw invalid("'channels' is required and must be a non-empty array");
    }
    List<Channel> named = new ArrayList<>();
    for (JsonNode channel : channels) {
      if (!channel.isTextual()) {
        throw invalid("'channels' must hold channel names");
      }
      Channel known =
          Channel.named(channel.asText())
              .orElseThrow(
                  () ->
                      new FrameError(
                          "unknown_channel",
                          "Unknown channel; channels are agent.status, agent.message,"
                              + " agent.tool_call, notification, approval.requested,"
                              + " pipeline.status"));
      if (!named.contains(known)) {
        named.add(known);
      }
    }
    return List.copyOf(named);
  }

  private static String optionalId(JsonNode frame, String field) throws FrameError {
    JsonNode value = frame.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || !ID.matcher(value.asText()).matches()) {
      throw invalid("'" + field + "' must be an id");
    }
    return value.asText();
  }

  private static String messageId(JsonNode frame) throws FrameError {
    JsonNode id = frame.get("id");
    if (id == null || id.isNull()) {
      return UUID.randomUUID().toString();
    }
    if (!(id.isTextual() || id.isIntegralNumber())
        || id.asText().isEmpty()
        || id.asText().length() > MAX_MESSAGE_ID_CHARS) {
      throw invalid("'id' must be a string of at most " + MAX_MESSAGE_ID_CHARS + " characters");
    }
    return id.asText();
  }

  private static FrameError invalid(String message) {
    return new FrameError("validation_failed", message);
  }

  private int utf8Length(String text) {
    // A char is at most 3 UTF-8 bytes: count exactly only when the frame could be over the limit.
    if ((long) text.length() * 3 <= maxFrameBytes) {
      return text.length();
    }
    return text.length() > maxFrameBytes
        ? Integer.MAX_VALUE
        : text.getBytes(StandardCharsets.UTF_8).length;
  }
}
