package io.switchboard.model.provider;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Tokens a call consumed, as the provider counted them (estimated where it counts none). */
@Schema(name = "Usage")
public record Usage(int inputTokens, int outputTokens) {

  public static final Usage NONE = new Usage(0, 0);

  /** About four characters a token: for providers that report nothing. */
  public static int estimate(String text) {
    return text == null || text.isEmpty() ? 0 : Math.max(1, (text.length() + 3) / 4);
  }
}
