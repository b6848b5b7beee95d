package io.switchboard.model.provider.http;

import java.util.function.Consumer;

/** Assembles server-sent events from lines (text/event-stream framing). */
final class SseParser {

  private final Consumer<SseEvent> onEvent;
  private String event;
  private StringBuilder data;

  SseParser(Consumer<SseEvent> onEvent) {
    this.onEvent = onEvent;
  }

  void line(String line) {
    if (line.isEmpty()) {
      end();
      return;
    }
    if (line.startsWith(":")) {
      return;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    if (field.equals("event")) {
      event = value;
    } else if (field.equals("data")) {
      data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
    }
  }

  void end() {
    if (data != null) {
      onEvent.accept(new SseEvent(event, data.toString()));
    }
    event = null;
    data = null;
  }
}
