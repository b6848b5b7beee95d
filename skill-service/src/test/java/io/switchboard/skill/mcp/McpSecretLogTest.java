package io.switchboard.skill.mcp;

import static io.switchboard.skill.support.Calls.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.skill.logging.SecretScrubFilter;
import io.switchboard.skill.support.Calls;
import io.switchboard.skill.support.Mcp;
import io.switchboard.skill.support.VaultStub;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A secret the MCP server writes to its stderr (read by the SDK on another thread, logged after the
 * call) reaches the log scrubbed by the console's {@code secret-scrubber} filter.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class McpSecretLogTest {

  private static final String SKILL = "stderr-talker";

  @ConfigProperty(name = "quarkus.log.console.filter")
  String consoleFilter;

  @Test
  void shouldScrubASecretFromTheServersStderrLines() {
    assertThat(consoleFilter).isEqualTo("secret-scrubber");
    UUID user = UUID.randomUUID();
    String secret = "stderr-secret-" + UUID.randomUUID();
    VaultStub.put(user, "LOGGED", secret);
    if (Mcp.status(SKILL) == null) {
      Mcp.registerStdio(SKILL, Mcp.TEST_SERVER, List.of(), Map.of());
    }
    Mcp.awaitStatus(SKILL, "connected"::equals);
    Calls.override(user, SKILL, "echo", "allow").statusCode(200);
    List<String> raw = new CopyOnWriteArrayList<>();
    List<String> scrubbed = new CopyOnWriteArrayList<>();
    SecretScrubFilter filter = new SecretScrubFilter();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            String message = String.valueOf(record.getMessage());
            if (record.getParameters() != null) {
              message = message + List.of(record.getParameters());
            }
            if (message.contains("echo called with")) {
              raw.add(message);
              filter.isLoggable(record);
              scrubbed.add(String.valueOf(record.getMessage()));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      execute(user, SKILL, "echo", Map.of("message", "{{secret:LOGGED}}")).statusCode(200);
      Mcp.await(() -> !scrubbed.isEmpty(), "the server's stderr line in the log");
    } finally {
      root.removeHandler(capture);
    }
    // The console handler (configured first) ran its secret-scrubber filter on the shared record.
    assertThat(String.join("\n", raw)).doesNotContain(secret).contains("[secret:LOGGED]");
    assertThat(String.join("\n", scrubbed)).doesNotContain(secret);
  }
}
