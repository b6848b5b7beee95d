package io.switchboard.model.provider;

import io.switchboard.defaults.problem.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The provider kinds a model can name, with a maintained catalogue of well-known model ids. */
public enum ProviderKind {
  OPENAI(
      true,
      List.of("gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-4o", "gpt-4o-mini", "o3", "o4-mini")),
  OLLAMA(
      false,
      List.of("llama3.2", "llama3.1", "qwen2.5", "qwen2.5-coder", "mistral", "gemma3", "phi4")),
  ANTHROPIC(
      true,
      List.of(
          "claude-opus-4-1", "claude-sonnet-4-5", "claude-sonnet-4-0", "claude-3-5-haiku-latest")),
  GEMINI(
      true,
      List.of("gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.0-flash")),
  CLI(false, List.of("claude", "codex", "gemini")),
  LOCAL(false, List.of("echo"));

  private final boolean paid;
  private final List<String> known;

  ProviderKind(boolean paid, List<String> known) {
    this.paid = paid;
    this.known = known;
  }

  /** The wire name, e.g. {@code openai}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A metered API billed per token (never a silent fallback from a subscription CLI). */
  public boolean paid() {
    return paid;
  }

  public List<String> known() {
    return known;
  }

  public static Optional<ProviderKind> find(String wire) {
    return Arrays.stream(values()).filter(k -> k.wire().equals(wire)).findFirst();
  }

  /** The kind, or 400 {@code unknown_provider}. */
  public static ProviderKind require(String wire) {
    return find(wire)
        .orElseThrow(
            () ->
                ProblemException.of(
                    400,
                    "unknown_provider",
                    "Unknown provider",
                    "Unknown provider '"
                        + wire
                        + "'; one of openai, ollama, anthropic, gemini, cli, local"));
  }
}
