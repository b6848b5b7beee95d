package io.switchboard.model.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.model.provider.ProviderException;
import io.switchboard.model.provider.ProviderException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A provider's error answer made readable: its own message, shortened, never our internals. */
final class ProviderErrors {

  private static final int MAX = 300;

  private ProviderErrors() {}

  static ProviderException of(HttpResponse<InputStream> r, ObjectMapper json) {
    int status = r.statusCode();
    String message = message(r, json);
    Integer retryAfter =
        r.headers().firstValue("Retry-After").map(ProviderErrors::seconds).orElse(null);
    Kind kind;
    if (status == 401 || status == 403) {
      kind = Kind.AUTH;
    } else if (status == 408 || status == 429 || status >= 500) {
      kind = Kind.RETRYABLE;
    } else {
      kind = Kind.REJECTED;
    }
    return new ProviderException(kind, status, "HTTP " + status + ": " + message, retryAfter);
  }

  private static String message(HttpResponse<InputStream> r, ObjectMapper json) {
    String text;
    try (InputStream in = r.body()) {
      text = new String(in.readNBytes(16_384), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "no readable body";
    }
    try {
      JsonNode body = json.readTree(text);
      JsonNode error = body.path("error");
      String m =
          error.isTextual()
              ? error.asText()
              : error.path("message").asText(body.path("message").asText(""));
      if (!m.isBlank()) {
        return shorten(m);
      }
    } catch (IOException | RuntimeException notJson) {
      // plain text
    }
    return text.isBlank() ? "no message" : shorten(text.strip());
  }

  private static String shorten(String s) {
    return s.length() <= MAX ? s : s.substring(0, MAX) + "…";
  }

  private static Integer seconds(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
