package io.switchboard.model.provider.http;

/** One server-sent event: its {@code event} name (null when unnamed) and its {@code data}. */
public record SseEvent(String event, String data) {}
