package io.switchboard.skill.execute;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The secret values of the tool calls running right now, so {@link
 * io.switchboard.skill.logging.SecretScrubFilter} can take them out of any log record written
 * meanwhile (by this service or by a library, e.g. an MCP server's stderr).
 */
public final class ActiveSecrets {

  /** value → name; values shorter than this are not scrubbed from logs (too many false hits). */
  static final int MIN_LOG_LENGTH = 4;

  private static final Map<String, String> NAMES = new ConcurrentHashMap<>();
  private static final Map<String, Integer> USES = new ConcurrentHashMap<>();

  static final Duration GRACE = Duration.ofSeconds(10);

  private static final ScheduledExecutorService LATER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "active-secrets");
            t.setDaemon(true);
            return t;
          });

  private ActiveSecrets() {}

  public static void register(Map<String, String> byName) {
    byName.forEach(
        (name, value) -> {
          if (value.length() >= MIN_LOG_LENGTH) {
            USES.merge(value, 1, Integer::sum);
            NAMES.put(value, name);
          }
        });
  }

  /**
   * Releases after {@link #GRACE}: lines a call caused may be logged a little later (an MCP
   * server's stderr is read by another thread).
   */
  public static void releaseLater(Map<String, String> byName) {
    if (!byName.isEmpty()) {
      LATER.schedule(() -> release(byName), GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  public static void release(Map<String, String> byName) {
    byName
        .values()
        .forEach(
            value ->
                USES.computeIfPresent(
                    value,
                    (v, n) -> {
                      if (n <= 1) {
                        NAMES.remove(v);
                        return null;
                      }
                      return n - 1;
                    }));
  }

  public static boolean none() {
    return NAMES.isEmpty();
  }

  /** {@code text} with every active secret value replaced by {@code [secret:NAME]}. */
  public static String scrub(String text) {
    if (text == null || NAMES.isEmpty()) {
      return text;
    }
    String scrubbed = text;
    for (Map.Entry<String, String> secret : NAMES.entrySet()) {
      scrubbed = scrubbed.replace(secret.getKey(), "[secret:" + secret.getValue() + "]");
    }
    return scrubbed;
  }
}
